package com.beiying.gateway.worker.login;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.MemberGate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/account/login}: opens the member's provider account on first use (the provider
 * treats a repeated open as a success, so a redelivered command opens it once) and returns a
 * launch URL on the operator's launch domain with a session id that resolves to the provider URL.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class LoginHandler implements CommandHandler {
    private final FieldOpener opener;
    private final MemberGate gate;
    private final ProviderRegistry providers;
    private final EventOutbox events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LoginHandler(FieldOpener opener, MemberGate gate, ProviderRegistry providers, EventOutbox events, Clock clock) {
        this.opener = opener;
        this.gate = gate;
        this.providers = providers;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.LOGIN;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        Game game = FieldRules.game(fields);
        ProviderAdapter.LaunchOptions options = new ProviderAdapter.LaunchOptions(
                FieldRules.platform(fields), FieldRules.language(fields), FieldRules.gameId(fields));

        Operator operator = gate.operatorFor(command.operatorId(), game);
        if (operator.launchDomain() == null || operator.launchDomain().isBlank()) {
            throw new GatewayException(Errors.NO_LAUNCH_DOMAIN);
        }
        MemberStore.MemberAt found = gate.memberAt(command.operatorId(), userName, game, true);
        String account = gate.providerAccount(found, game, operator.currency());
        ProviderAdapter.Launch launch = providers.adapter(game).launch(account, options);
        String sessionId = HexFormat.of().formatHex(randomBytes());
        String url = launchUrl(operator.launchDomain(), sessionId);
        return handle -> {
            MemberStore.recordLaunch(handle, new MemberStore.Launch(sessionId, found.member().memberId(), game, launch.url(),
                    options.platform(), options.language(), command.requestId()));
            events.append(handle, EventMessage.of(command.operatorId(), userName, command.requestId(), command.requestId(),
                    clock.instant(), new EventMessage.MemberLoggedIn(game, options.platform(), options.language(), options.gameId(),
                            sessionId)));
            return Outcome.success(Map.of("Url", FieldInput.string(url), "SessionId", FieldInput.string(sessionId)));
        };
    }

    /** The URL handed to the operator: its launch domain, where {@code /play/{SessionId}} sends the player on. */
    static String launchUrl(String launchDomain, String sessionId) {
        return "https://" + launchDomain + "/play/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    private byte[] randomBytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }
}
