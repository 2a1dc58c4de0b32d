package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.ingress.JsonBodyReader;
import com.beiying.gateway.ingress.ResponseWriter;
import com.beiying.gateway.persistence.GameStatusDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API (docs/api.md), guarded by {@code X-Admin-Token} compared in constant time. */
@RestController
@ConditionalOnRole(Role.INGRESS)
class AdminController {
    private final OperatorAdmin admin;
    private final WalletAdmin wallet;
    private final ReportAdmin reports;
    private final MemberAdmin members;
    private final GameStatusDirectory games;
    private final ResponseWriter writer;
    private final AdminViews views;
    private final JsonBodyReader bodyReader;
    private final AdminToken token;
    private final int maxBodyBytes;

    AdminController(OperatorAdmin admin, WalletAdmin wallet, MemberAdmin members, ReportAdmin reports, GameStatusDirectory games,
                    ResponseWriter writer, JsonBodyReader bodyReader, AdminToken token, GatewayProperties properties) {
        this.admin = admin;
        this.wallet = wallet;
        this.members = members;
        this.reports = reports;
        this.games = games;
        this.writer = writer;
        this.views = new AdminViews(writer);
        this.bodyReader = bodyReader;
        this.token = token;
        this.maxBodyBytes = properties.ingress().maxBodyBytes();
    }

    /** Every operator, as the single-operator view shows it (never a secret). */
    @GetMapping("/admin/v1/operators")
    ResponseEntity<byte[]> list(HttpServletRequest request) {
        return guarded(request, () -> views.operators(admin.list(), language(request)));
    }

    @PostMapping("/admin/v1/operators")
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        return guarded(request, () -> views.credentials(admin.create(fields(request)), language(request)));
    }

    @PatchMapping("/admin/v1/operators/{operatorId}")
    ResponseEntity<byte[]> patch(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> views.operator(admin.patch(operatorId, fields(request)), language(request)));
    }

    @GetMapping("/admin/v1/operators/{operatorId}")
    ResponseEntity<byte[]> view(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> views.operator(admin.view(operatorId), language(request)));
    }

    @PostMapping("/admin/v1/operators/{operatorId}/keys")
    ResponseEntity<byte[]> rotate(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> views.credentials(admin.rotate(operatorId), language(request)));
    }

    /** Sets or lifts a game's maintenance window: {@code {"Enabled":true,"Until":"2026-11-23T10:00:00Z"}}. */
    @PutMapping("/admin/v1/games/{game}/maintenance")
    ResponseEntity<byte[]> maintenance(@PathVariable String game, HttpServletRequest request) {
        return guarded(request, () -> {
            Game g = FieldRules.gameCode(game, null);
            Fields f = fields(request);
            games.set(g, FieldRules.enabled(f), FieldRules.until(f));
            return writer.games(null, language(request), List.of(g), games::maintenance);
        });
    }

    /** Sets an operator's credit line for a game: {@code {"Game":"KY","Credit":"50000.00"}}. */
    @PutMapping("/admin/v1/operators/{operatorId}/credit")
    ResponseEntity<byte[]> credit(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> {
            admin.view(operatorId);
            Fields f = fields(request);
            Game game = FieldRules.game(f);
            return views.creditLine(wallet.setCredit(operatorId, game, FieldRules.credit(f)), language(request));
        });
    }

    /** Every game's credit line of an operator: whether the game is enabled, the line, what is used and available. */
    @GetMapping("/admin/v1/operators/{operatorId}/credit")
    ResponseEntity<byte[]> creditLines(@PathVariable String operatorId, HttpServletRequest request) {
        return guarded(request, () -> views.creditLines(operatorId, wallet.creditLines(operatorId), language(request)));
    }

    /** Every game with its maintenance status, as {@code GET /v1/games} shows it. */
    @GetMapping("/admin/v1/games")
    ResponseEntity<byte[]> games(HttpServletRequest request) {
        return guarded(request, () -> writer.games(null, language(request), List.of(Game.values()), games::maintenance));
    }

    /**
     * A member by {@code ?OperatorId=&UserName=}: its provider accounts (with each provider's
     * balance when {@code &Balances=true}) and its latest orders.
     */
    @GetMapping("/admin/v1/members")
    ResponseEntity<byte[]> member(HttpServletRequest request) {
        return guarded(request, () -> {
            Fields f = query(request, RequestField.OPERATOR_ID, RequestField.USER_NAME);
            String operatorId = f.requiredString(RequestField.OPERATOR_ID);
            String userName = FieldRules.userName(f);
            return views.member(members.lookup(operatorId, userName, "true".equalsIgnoreCase(request.getParameter("Balances")),
                    language(request)),
                    language(request));
        });
    }

    /**
     * The ledger check; {@code ?CompareProviders=true} also compares member wallets with their
     * providers, all of them or one operator's ({@code &OperatorId=}).
     */
    @GetMapping("/admin/v1/ledger/check")
    ResponseEntity<byte[]> ledgerCheck(HttpServletRequest request) {
        return guarded(request, () -> views.violations(wallet.check(
                "true".equalsIgnoreCase(request.getParameter("CompareProviders")), request.getParameter("OperatorId"),
                language(request)), language(request)));
    }

    /**
     * Reconciliation (docs/bets.md): per member and game, provider balance against ledger plus
     * collected bets; {@code ?OperatorId=} and {@code &Game=} narrow it.
     */
    @GetMapping("/admin/v1/reconciliation")
    ResponseEntity<byte[]> reconciliation(HttpServletRequest request) {
        return guarded(request, () -> {
            String game = request.getParameter("Game");
            return views.reconciliation(wallet.reconcile(request.getParameter("OperatorId"),
                    game == null ? null : FieldRules.gameCode(game, RequestField.GAME), language(request)), language(request));
        });
    }

    /**
     * The daily report: {@code ?OperatorId=&From=2026-12-01&To=2026-12-07}, optional {@code &Game=};
     * days in the operator's time zone, both ends included.
     */
    @GetMapping("/admin/v1/reports/daily")
    ResponseEntity<byte[]> dailyReport(HttpServletRequest request) {
        return guarded(request, () -> views.daily(reports.daily(query(request, RequestField.OPERATOR_ID,
                RequestField.FROM, RequestField.TO, RequestField.GAME)), language(request)));
    }

    /** Orders still without a final state after the alert time, for a person to look at. */
    @GetMapping("/admin/v1/orders/unresolved")
    ResponseEntity<byte[]> unresolved(HttpServletRequest request) {
        return guarded(request, () -> views.orders(wallet.unresolved(), language(request)));
    }

    private ResponseEntity<byte[]> guarded(HttpServletRequest request, Supplier<ResponseEntity<byte[]>> action) {
        try {
            if (!token.matches(request.getHeader("X-Admin-Token"))) {
                throw new GatewayException(Errors.INVALID_ADMIN_TOKEN);
            }
            return action.get();
        } catch (GatewayException e) {
            return writer.error(e, language(request), ErrorFormat.BEIYING, null);
        }
    }

    private Fields fields(HttpServletRequest request) {
        return Fields.of(bodyReader.read(JsonBodyReader.readBounded(request, maxBodyBytes)));
    }

    /** Query parameters as fields, so that the same field rules (and answers) apply as to a body. */
    private static Fields query(HttpServletRequest request, RequestField... names) {
        Map<String, FieldInput> values = new LinkedHashMap<>();
        for (RequestField name : names) {
            String value = request.getParameter(name.jsonName());
            if (value != null) {
                values.put(name.jsonName(), FieldInput.string(value));
            }
        }
        return Fields.of(values);
    }

    private static Language language(HttpServletRequest request) {
        return Language.fromHeader(request.getHeader("Accept-Language"));
    }
}
