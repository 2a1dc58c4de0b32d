package com.beiying.gateway.ingress;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.security.SecretBox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API of docs/api.md. Each request is authenticated over its exact bytes, then either
 * answered here (games, request state) or turned into a command whose correlated reply completes
 * the response asynchronously: no servlet thread waits for a worker.
 */
@RestController
@ConditionalOnRole(Role.INGRESS)
class V1Controller {
    /** The commands of {@code /v1/account/{action}}; the OpenAPI drift test reads it too. */
    static final Map<String, CommandKind> ACTIONS = Map.of(
            "register", CommandKind.REGISTER,
            "login", CommandKind.LOGIN,
            "balance", CommandKind.BALANCE,
            "transfer", CommandKind.TRANSFER,
            "order", CommandKind.ORDER,
            "lock", CommandKind.LOCK,
            "password", CommandKind.PASSWORD);
    /** The commands of {@code /v1/bet/{action}}. */
    static final Map<String, CommandKind> BET_ACTIONS = Map.of(
            "records", CommandKind.BET_RECORDS,
            "feed", CommandKind.BET_FEED,
            "record", CommandKind.BET_RECORD);

    private final RequestAuthenticator authenticator;
    private final JsonBodyReader bodyReader;
    private final CommandGateway gateway;
    private final ResponseWriter writer;
    private final MemberStore members;
    private final RateLimits rateLimits;
    private final GameStatusDirectory gameStatus;
    private final int maxBodyBytes;
    private final Duration asyncTimeout;
    private final SecretBox fingerprints;
    private final DirectReads directReads;
    private final boolean readsDirect;

    V1Controller(RequestAuthenticator authenticator, JsonBodyReader bodyReader, CommandGateway gateway,
                 ResponseWriter writer, MemberStore members, RateLimits rateLimits, GameStatusDirectory gameStatus,
                 GatewayProperties properties, @Qualifier("requestFingerprints") SecretBox fingerprints,
                 DirectReads directReads) {
        this.authenticator = authenticator;
        this.bodyReader = bodyReader;
        this.gateway = gateway;
        this.writer = writer;
        this.members = members;
        this.rateLimits = rateLimits;
        this.gameStatus = gameStatus;
        this.maxBodyBytes = properties.ingress().maxBodyBytes();
        // The reply future times out by itself after reply-timeout; the container's limit only
        // catches a future that was never completed.
        this.asyncTimeout = properties.ingress().replyTimeout().plusSeconds(10);
        this.fingerprints = fingerprints;
        this.directReads = directReads;
        this.readsDirect = properties.bets().queryPath() == GatewayProperties.Bets.QueryPath.DIRECT;
    }

    @PostMapping("/v1/account/{action}")
    void account(@PathVariable String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        command(ACTIONS.get(action), request, response);
    }

    /** Bet records: answered here from PostgreSQL, or through Kafka, as {@code gateway.bets.query-path} says. */
    @PostMapping("/v1/bet/{action}")
    void bet(@PathVariable String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        command(BET_ACTIONS.get(action), request, response);
    }

    private void command(CommandKind kind, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Language language = Language.fromHeader(request.getHeader("Accept-Language"));
        String requestId = RequestAuthenticator.clientRequestId(request);
        CompletableFuture<ReplyMessage> reply;
        ErrorFormat format;
        try {
            if (kind == null) {
                throw new GatewayException(Errors.NOT_FOUND);
            }
            byte[] body = JsonBodyReader.readBounded(request, maxBodyBytes);
            Caller caller = authenticate(request, body);
            requestId = caller.requestId();
            Map<String, FieldInput> fields = bodyReader.read(body);
            format = caller.operator().errorFormat();
            byte[] fingerprint = fingerprints.fingerprint(request.getMethod().getBytes(StandardCharsets.UTF_8),
                    request.getRequestURI().getBytes(StandardCharsets.UTF_8), body);
            reply = readsDirect && DirectReads.serves(kind)
                    ? CompletableFuture.completedFuture(directReads.answer(caller, kind, fields, language, fingerprint))
                    : gateway.submit(caller, kind, fields, language, fingerprint);
        } catch (GatewayException e) {
            format = authenticator.errorFormat(request);
            reply = CompletableFuture.failedFuture(e);
        }
        ErrorFormat errorFormat = format;
        String id = requestId;
        CompletableFuture<ResponseEntity<byte[]>> answer = reply.handle((r, e) -> e == null
                ? writer.reply(r, errorFormat)
                : writer.error(unwrap(e), language, errorFormat, id));
        AsyncResponse.send(request, response, answer, asyncTimeout, e -> writer.error(e, language, errorFormat, id));
    }

    @GetMapping("/v1/requests/{requestId}")
    ResponseEntity<byte[]> requestState(@PathVariable String requestId, HttpServletRequest request) {
        Language language = Language.fromHeader(request.getHeader("Accept-Language"));
        try {
            Caller caller = authenticate(request, new byte[0]);
            gateway.useNonce(caller);
            // Another operator's request id looks exactly like one that does not exist.
            Optional<Optional<ReplyMessage>> state = gateway.requestState(caller.operator().operatorId(), requestId);
            if (state.isEmpty()) {
                throw new GatewayException(Errors.REQUEST_NOT_FOUND);
            }
            return writer.requestState(requestId, state.get().orElse(null), language, caller.operator().errorFormat());
        } catch (GatewayException e) {
            return writer.error(e, language, authenticator.errorFormat(request), null);
        }
    }

    @GetMapping("/v1/games")
    ResponseEntity<byte[]> games(HttpServletRequest request) {
        Language language = Language.fromHeader(request.getHeader("Accept-Language"));
        try {
            Caller caller = authenticate(request, new byte[0]);
            gateway.useNonce(caller);
            return writer.games(caller.requestId(), language, Arrays.asList(Game.values()), gameStatus::maintenance);
        } catch (GatewayException e) {
            return writer.error(e, language, authenticator.errorFormat(request), null);
        }
    }

    /** The launch URL's target: the operator's launch domain points here, and this sends the player on. */
    @GetMapping("/play/{sessionId}")
    ResponseEntity<byte[]> play(@PathVariable String sessionId, HttpServletRequest request) {
        Optional<String> target = sessionId.matches("[0-9a-f]{32}")
                ? members.launchTarget(sessionId)
                : Optional.empty();
        if (target.isEmpty()) {
            return writer.error(new GatewayException(Errors.INVALID_SESSION),
                    Language.fromHeader(request.getHeader("Accept-Language")), ErrorFormat.BEIYING, null);
        }
        return ResponseEntity.status(302).location(URI.create(target.get())).build();
    }

    private Caller authenticate(HttpServletRequest request, byte[] body) {
        Caller caller = authenticator.authenticate(request, body);
        rateLimits.acquire(caller.operator());
        return caller;
    }

    private static GatewayException unwrap(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof GatewayException g ? g : new GatewayException(Errors.INTERNAL_ERROR);
    }
}
