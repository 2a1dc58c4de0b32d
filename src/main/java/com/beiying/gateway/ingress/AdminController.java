package com.beiying.gateway.ingress;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.provider.Game;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The admin API (SPEC §9), guarded by {@code X-Admin-Token} compared in constant time. */
@RestController
@ConditionalOnRole(Role.INGRESS)
class AdminController {
    private final OperatorAdmin admin;
    private final WalletAdmin wallet;
    private final GameStatusDirectory games;
    private final ResponseWriter writer;
    private final JsonMapper mapper;
    private final byte[] token;
    private final int maxBodyBytes;

    AdminController(OperatorAdmin admin, WalletAdmin wallet, GameStatusDirectory games, ResponseWriter writer,
                    JsonBodyReader bodyReader, GatewayProperties properties) {
        this.admin = admin;
        this.wallet = wallet;
        this.games = games;
        this.writer = writer;
        this.mapper = JsonMapper.builder(bodyReader.factory()).build();
        String configured = properties.security().adminToken();
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("gateway.security.admin-token (GATEWAY_ADMIN_TOKEN) must be set outside embedded mode");
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = properties.ingress().maxBodyBytes();
    }

    @PostMapping("/admin/v1/operators")
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        return guarded(request, () -> writer.credentials(admin.create(fields(request)), language(request)));
    }

    @PatchMapping("/admin/v1/operators/{operatorId}")
    ResponseEntity<byte[]> patch(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> writer.operator(admin.patch(operatorId, fields(request)), language(request)));
    }

    @GetMapping("/admin/v1/operators/{operatorId}")
    ResponseEntity<byte[]> view(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> writer.operator(admin.view(operatorId), language(request)));
    }

    @PostMapping("/admin/v1/operators/{operatorId}/keys")
    ResponseEntity<byte[]> rotate(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> writer.credentials(admin.rotate(operatorId), language(request)));
    }

    /** Sets or lifts a game's maintenance window: {@code {"Enabled":true,"Until":"2026-11-23T10:00:00Z"}}. */
    @PutMapping("/admin/v1/games/{game}/maintenance")
    ResponseEntity<byte[]> maintenance(@PathVariable String game, HttpServletRequest request) {
        return guarded(request, () -> {
            Game g = Game.fromCode(game).orElseThrow(() -> new GatewayException(Errors.UNKNOWN_GAME));
            AdminFields f = fields(request);
            boolean enabled = f.enabled();
            java.time.Instant until = f.until();
            games.set(g, enabled, until);
            return writer.games(null, language(request), List.of(g), games::maintenance);
        });
    }

    /** Sets an operator's credit line for a game: {@code {"Game":"KY","Credit":"50000.00"}}. */
    @PutMapping("/admin/v1/operators/{operatorId}/credit")
    ResponseEntity<byte[]> credit(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> {
            admin.view(operatorId);
            AdminFields f = fields(request);
            Game game = f.game();
            java.math.BigDecimal credit = f.credit();
            var line = wallet.setCredit(operatorId, game, credit);
            return writer.admin(language(request), g -> {
                g.writeStringProperty("OperatorId", operatorId);
                g.writeStringProperty("Game", game.code());
                g.writeStringProperty("Credit", line.creditLimit().toPlainString());
                g.writeStringProperty("Used", line.creditUsed().toPlainString());
                g.writeStringProperty("Available", line.available().toPlainString());
            });
        });
    }

    /**
     * The ledger check; {@code ?CompareProviders=true} also compares member wallets with their
     * providers, all of them or one operator's ({@code &OperatorId=}).
     */
    @GetMapping("/admin/v1/ledger/check")
    ResponseEntity<byte[]> ledgerCheck(HttpServletRequest request) {
        return guarded(request, () -> {
            List<String> violations = wallet.check("true".equalsIgnoreCase(request.getParameter("CompareProviders")),
                    request.getParameter("OperatorId"));
            return writer.admin(language(request), g -> {
                g.writeBooleanProperty("Ok", violations.isEmpty());
                g.writeName("Violations");
                g.writeStartArray();
                violations.forEach(g::writeString);
                g.writeEndArray();
            });
        });
    }

    /** Orders still without a final state after the alert time, for a person to look at. */
    @GetMapping("/admin/v1/orders/unresolved")
    ResponseEntity<byte[]> unresolved(HttpServletRequest request) {
        return guarded(request, () -> {
            var orders = wallet.unresolved();
            return writer.admin(language(request), g -> {
                g.writeName("Orders");
                g.writeStartArray();
                for (var o : orders) {
                    g.writeStartObject();
                    g.writeStringProperty("OperatorId", o.operatorId());
                    g.writeStringProperty("OrderID", o.orderId());
                    g.writeStringProperty("UserName", o.userName());
                    g.writeStringProperty("Game", o.game());
                    g.writeStringProperty("Money", o.amount().toPlainString());
                    g.writeStringProperty("Action", o.action());
                    g.writeStringProperty("Status", o.status());
                    g.writeStringProperty("CreatedAt", o.createdAt().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    private ResponseEntity<byte[]> guarded(HttpServletRequest request, Supplier<ResponseEntity<byte[]>> action) {
        try {
            String given = request.getHeader("X-Admin-Token");
            if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                throw new GatewayException(Errors.UNKNOWN_API_KEY);
            }
            return action.get();
        } catch (GatewayException e) {
            return writer.error(e, language(request), ErrorFormat.BEIYING, null);
        }
    }

    private AdminFields fields(HttpServletRequest request) {
        return AdminFields.parse(mapper, JsonBodyReader.readBounded(request, maxBodyBytes));
    }

    private static Language language(HttpServletRequest request) {
        return Language.fromHeader(request.getHeader("Accept-Language"));
    }
}
