package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider simulator's control API ({@code docs/providers.md}): the simulator plays all eight
 * providers, each in its own protocol ({@link ProviderSide}) on {@link SimulatorServer}, keeping
 * their state in its own tables so a restart loses nothing, and misbehaves on demand through
 * {@code /simulator/v1/_control/faults}. Bets are placed, settled, voided and resettled through
 * {@code /simulator/v1/_control/bets}.
 */
@RestController
@ConditionalOnRole(Role.SIMULATOR)
class SimulatorController {
    private final Set<String> games;
    private final SimulatorBank bank;
    private final SimulatorFaults faults;
    private final SimulatorPlay play;

    SimulatorController(List<ProviderSide> sides, SimulatorBank bank, SimulatorFaults faults, SimulatorPlay play) {
        this.games = sides.stream().map(ProviderSide::game).collect(Collectors.toUnmodifiableSet());
        this.bank = bank;
        this.faults = faults;
        this.play = play;
    }

    /**
     * Sets simulated play: {@code {"BetsPerSecond":20,"Accounts":["KY:ky1x2"]}} plays for the given
     * {@code <Game>:<Account>}s only (every account with money without it), optionally dated
     * {@code "Behind":"PT3M"} before now; a rate of 0 stops play.
     */
    @PostMapping("/simulator/v1/_control/play")
    ResponseEntity<Map<String, Object>> play(@RequestBody Map<String, Object> body) {
        double rate = ((Number) body.getOrDefault("BetsPerSecond", 0)).doubleValue();
        Object accounts = body.get("Accounts");
        Set<String> keys = accounts instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.toSet()) : null;
        Duration behind = body.containsKey("Behind") ? Duration.parse(String.valueOf(body.get("Behind"))) : Duration.ZERO;
        play.set(new SimulatorPlay.Setting(rate, keys, behind));
        return ResponseEntity.ok(Map.of("BetsPerSecond", rate, "Accounts", keys == null ? "*" : keys.size()));
    }

    /** Injects a fault: {@code {"Game":"KY","Operation":"transfer","Kind":"TIMEOUT_AFTER","Millis":0,"Count":1}}. */
    @PostMapping("/simulator/v1/_control/faults")
    ResponseEntity<Map<String, Object>> injectFault(@RequestBody Map<String, Object> body) {
        String game = String.valueOf(body.get("Game"));
        if (!games.contains(game)) {
            return ResponseEntity.status(404).body(Map.of("error", "UNKNOWN_GAME"));
        }
        SimulatorFaults.Kind kind = SimulatorFaults.Kind.valueOf(String.valueOf(body.get("Kind")).toUpperCase(Locale.ROOT));
        String operation = String.valueOf(body.getOrDefault("Operation", "*"));
        long millis = ((Number) body.getOrDefault("Millis", 0)).longValue();
        int count = ((Number) body.getOrDefault("Count", 0)).intValue();
        faults.set(game, operation, kind, millis, count);
        return ResponseEntity.ok(Map.of("Game", game, "Operation", operation, "Kind", kind.name()));
    }

    /** Lifts the faults of one game, or of all games. */
    @DeleteMapping("/simulator/v1/_control/faults")
    ResponseEntity<Map<String, Object>> clearFaults(@RequestParam(required = false) String game) {
        faults.clear(game);
        return ResponseEntity.ok(Map.of("cleared", game == null ? "*" : game));
    }

    /**
     * Places a bet for an account: {@code {"Game":"KY","Account":"ky1x1","Stake":"10.00","GameId":"620"}},
     * optionally {@code ValidBet}, {@code At} (an ISO instant: when it was placed, and settled if
     * {@code Payout} is given) and {@code Payout} to settle it at once; answers the bet.
     */
    @PostMapping("/simulator/v1/_control/bets")
    ResponseEntity<Map<String, Object>> placeBet(@RequestBody Map<String, Object> body) {
        String game = String.valueOf(body.get("Game"));
        BigDecimal stake = new BigDecimal(String.valueOf(body.get("Stake")));
        BigDecimal validBet = body.containsKey("ValidBet") ? new BigDecimal(String.valueOf(body.get("ValidBet"))) : stake;
        Instant at = at(body);
        BigDecimal payout = body.containsKey("Payout") ? new BigDecimal(String.valueOf(body.get("Payout"))) : null;
        return answer(bank.place(game, String.valueOf(body.get("Account")), String.valueOf(body.getOrDefault("GameId", "1")), stake,
                validBet, payout, at));
    }

    /**
     * Places many bets at once, already settled:
     * {@code {"Game":"KY","Accounts":["ky1x_1","ky1y_2"],"Count":5000,"From":"2026-12-02T10:00:00Z",
     * "To":"2026-12-02T10:01:00Z","Stake":"1.00","Payout":"1.50"}}, optionally {@code GameId}. The bets
     * spread evenly over the accounts and over {@code [From, To)}, and each account's balance moves
     * by its bets' net win/loss, in one transaction; answers {@code {"Placed":5000}}, 404 for an
     * unknown game or account and 409 when an account cannot afford its losses (nothing placed).
     */
    @PostMapping("/simulator/v1/_control/bets/bulk")
    ResponseEntity<Map<String, Object>> placeBulk(@RequestBody Map<String, Object> body) {
        String game = String.valueOf(body.get("Game"));
        if (!games.contains(game)) {
            return ResponseEntity.status(404).body(Map.of("error", "UNKNOWN_GAME"));
        }
        SimulatorBank.Bulk bulk;
        try {
            List<String> accounts = body.get("Accounts") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of();
            int count = body.get("Count") instanceof Number number ? number.intValue() : 0;
            bulk = bank.placeSettled(game, accounts, count, Instant.parse(String.valueOf(body.get("From"))),
                    Instant.parse(String.valueOf(body.get("To"))), String.valueOf(body.getOrDefault("GameId", "1")),
                    new BigDecimal(String.valueOf(body.get("Stake"))), new BigDecimal(String.valueOf(body.get("Payout"))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
        }
        return switch (bulk.outcome()) {
            case APPLIED -> ResponseEntity.ok(Map.of("Placed", bulk.placed()));
            case NO_ACCOUNT -> ResponseEntity.status(404).body(Map.of("error", "UNKNOWN_ACCOUNT"));
            default -> ResponseEntity.status(409).body(Map.of("error", "an account cannot afford its losses"));
        };
    }

    /**
     * Settles ({@code {"Payout":"25.00"}}), voids or resettles ({@code {"Payout":"5.00"}}) a bet of a
     * game, now or {@code At} a given instant.
     */
    @PostMapping("/simulator/v1/_control/bets/{game}/{betId}/{action}")
    ResponseEntity<Map<String, Object>> changeBet(@PathVariable String game, @PathVariable String betId, @PathVariable String action,
                                                  @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> input = body == null ? Map.of() : body;
        Instant at = at(input);
        return answer(switch (action) {
            case "settle" -> bank.settle(game, betId, new BigDecimal(String.valueOf(input.get("Payout"))), at);
            case "void" -> bank.voidBet(game, betId, at);
            case "resettle" -> bank.resettle(game, betId, new BigDecimal(String.valueOf(input.get("Payout"))), at);
            default -> Optional.empty();
        });
    }

    private Instant at(Map<String, Object> body) {
        return body.containsKey("At") ? Instant.parse(String.valueOf(body.get("At"))) : bank.now();
    }

    private static ResponseEntity<Map<String, Object>> answer(Optional<SimulatedBet> bet) {
        return bet.<ResponseEntity<Map<String, Object>>>map(b -> ResponseEntity.ok(Map.of("BetId", b.betId(), "Status",
                        b.status().name(), "Account", b.account(), "Payout", b.payout().toPlainString())))
                .orElseGet(() -> ResponseEntity.status(409).body(Map.of("error", "not possible in the bet's state or balance")));
    }
}
