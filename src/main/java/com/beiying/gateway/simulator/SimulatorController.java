package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.provider.Game;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider simulator's HTTP API (SPEC §9, {@code docs/providers.md}): plays all eight
 * providers, keeping their state in its own tables so a restart loses nothing.
 */
@RestController
@RequestMapping("/simulator/v1/{game}")
@ConditionalOnRole(Role.SIMULATOR)
class SimulatorController {
    private final Jdbi jdbi;
    private final SecureRandom random = new SecureRandom();

    SimulatorController(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Opens an account; idempotent by account name. */
    @PostMapping("/accounts")
    ResponseEntity<Map<String, Object>> openAccount(@PathVariable String game, @RequestBody Map<String, String> body) {
        if (Game.fromCode(game).isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "UNKNOWN_GAME"));
        }
        String account = body.get("account");
        if (account == null || !account.matches("[a-z0-9_]{4,32}")) {
            return ResponseEntity.status(400).body(Map.of("error", "BAD_ACCOUNT"));
        }
        boolean created = jdbi.withExtension(SimulatorDao.class,
                dao -> dao.openAccount(game, account, body.getOrDefault("currency", "CNY")));
        return ResponseEntity.ok(Map.of("account", account, "created", created));
    }

    /** A launch URL for an existing account. */
    @PostMapping("/launch")
    ResponseEntity<Map<String, Object>> launch(@PathVariable String game, @RequestBody Map<String, String> body) {
        if (Game.fromCode(game).isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "UNKNOWN_GAME"));
        }
        String account = body.get("account");
        String token = HexFormat.of().formatHex(bytes(16));
        boolean known = jdbi.inTransaction(h -> {
            SimulatorDao dao = h.attach(SimulatorDao.class);
            if (!dao.accountExists(game, account)) {
                return false;
            }
            dao.recordLaunch(token, game, account, body.getOrDefault("platform", "PC"),
                    body.getOrDefault("language", "zh-CN"), body.get("gameId"));
            return true;
        });
        if (!known) {
            return ResponseEntity.status(404).body(Map.of("error", "NO_ACCOUNT"));
        }
        String url = "https://games.simulator.invalid/" + game.toLowerCase(java.util.Locale.ROOT) + "/play?token=" + token;
        return ResponseEntity.ok(Map.of("url", url, "token", token));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
