package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.simulator.SimulatorDialect.Result;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider simulator ({@code docs/providers.md}): plays all eight providers, each in
 * its own dialect, keeping their state in its own tables so a restart loses nothing, and
 * misbehaving on demand through {@code /simulator/v1/_control/faults}. Delayed answers are
 * completed by a timer, so a hanging provider holds no thread.
 */
@RestController
@ConditionalOnRole(Role.SIMULATOR)
class SimulatorController {
    /** Longer than any client's patience: the answer of a "timeout" fault never arrives in time. */
    private static final long NEVER_MILLIS = 60_000;

    private final SimulatorStore store;
    private final JsonMapper json;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final SecureRandom random = new SecureRandom();

    SimulatorController(SimulatorStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    private record Answer(int status, Result result, Map<String, Object> data) {
    }

    /**
     * A provider call. Answers without a fault are written at once on the request's thread: this is
     * the path every benchmark and most tests take, and an async dispatch per call would cost as
     * much as the call itself. Faults that delay the answer go async, so no thread is held.
     */
    @PostMapping("/simulator/v1/{game}/{operation}")
    void call(@PathVariable String game, @PathVariable String operation,
              @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        Optional<SimulatorDialect> found = Optional.ofNullable(SimulatorDialect.ALL.get(game));
        if (found.isEmpty()) {
            write(response, new Rendered(404, "{\"code\":\"UNKNOWN_GAME\"}".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        SimulatorDialect dialect = found.get();
        Map<String, Object> input = body == null ? Map.of() : body;
        Optional<SimulatorFaults.Fault> fault = faults.take(game, operation);
        if (fault.isEmpty()) {
            write(response, render(dialect, apply(dialect, operation, input)));
            return;
        }
        SimulatorFaults.Fault f = fault.get();
        switch (f.kind()) {
            case MAINTENANCE -> write(response, render(dialect, new Answer(200, Result.MAINTENANCE, Map.of())));
            case ERROR -> write(response, render(dialect, new Answer(500, Result.SYSTEM_ERROR, Map.of())));
            case LATENCY -> later(request, f.millis(), () -> render(dialect, apply(dialect, operation, input)));
            case TIMEOUT_BEFORE -> later(request, NEVER_MILLIS, () -> render(dialect, new Answer(500, Result.SYSTEM_ERROR, Map.of())));
            case TIMEOUT_AFTER -> {
                Rendered applied = render(dialect, apply(dialect, operation, input));
                later(request, NEVER_MILLIS, () -> applied);
            }
            case SLOW_DRIP -> drip(request, render(dialect, apply(dialect, operation, input)), Math.max(1, f.millis()));
        }
    }

    /** Injects a fault: {@code {"Game":"KY","Operation":"transfer","Kind":"TIMEOUT_AFTER","Millis":0,"Count":1}}. */
    @PostMapping("/simulator/v1/_control/faults")
    ResponseEntity<Map<String, Object>> injectFault(@RequestBody Map<String, Object> body) {
        String game = String.valueOf(body.get("Game"));
        if (!SimulatorDialect.ALL.containsKey(game)) {
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

    /** Settles a bet for an account (stake taken, payout paid), as play at the provider would. */
    @PostMapping("/simulator/v1/_control/bets")
    ResponseEntity<Map<String, Object>> settleBet(@RequestBody Map<String, Object> body) {
        String game = String.valueOf(body.get("Game"));
        String account = String.valueOf(body.get("Account"));
        BigDecimal stake = new BigDecimal(String.valueOf(body.get("Stake")));
        BigDecimal payout = new BigDecimal(String.valueOf(body.get("Payout")));
        boolean ok = store.inTransaction(h -> {
            Optional<BigDecimal> balance = SimulatorStore.lockBalance(h, game, account);
            if (balance.isEmpty() || balance.get().compareTo(stake) < 0) {
                return false;
            }
            SimulatorStore.addToBalance(h, game, account, payout.subtract(stake));
            SimulatorStore.recordBet(h, game, account, stake, payout);
            return true;
        });
        return ok ? ResponseEntity.ok(Map.of("settled", true)) : ResponseEntity.status(409).body(Map.of("settled", false));
    }

    private Answer apply(SimulatorDialect d, String operation, Map<String, Object> body) {
        String game = d.game();
        String account = text(body, "account");
        return switch (operation) {
            case "accounts" -> {
                if (!validAccount(d, account)) {
                    yield answer(Result.BAD_REQUEST);
                }
                boolean created = store.openAccount(game, account, text(body, "currency").isEmpty() ? "CNY" : text(body, "currency"));
                yield new Answer(200, created ? Result.OK : Result.ACCOUNT_EXISTS, Map.of("account", account));
            }
            case "launch" -> launch(game, account, body);
            case "balance" -> store.balance(game, account)
                    .map(b -> new Answer(200, Result.OK, Map.of("balance", d.formatAmount(b))))
                    .orElse(answer(Result.NO_ACCOUNT));
            case "transfer" -> transfer(d, account, body);
            case "transfer-status" -> store.order(game, text(body, "orderId"))
                    .map(o -> new Answer(200, Result.OK, Map.of("status", word(d, o.status()), "amount", d.formatAmount(o.amount()),
                            "balance", d.formatAmount(store.balance(game, o.account()).orElse(BigDecimal.ZERO)))))
                    .orElse(answer(Result.NO_ORDER));
            default -> new Answer(404, Result.BAD_REQUEST, Map.of());
        };
    }

    /**
     * A launch is every login's provider call: one plain statement (no SQL Object, whose per-call
     * cost exceeded the statement's), which records it only if the account exists.
     */
    private Answer launch(String game, String account, Map<String, Object> body) {
        String gameId = text(body, "gameId");
        if (!gameId.isEmpty() && !SimulatorDialect.offersGame(gameId)) {
            boolean known = store.balance(game, account).isPresent();
            return answer(known ? Result.NO_GAME : Result.NO_ACCOUNT);
        }
        String token = HexFormat.of().formatHex(bytes());
        boolean launched = store.launch(token, game, account, text(body, "platform"), text(body, "language"),
                gameId.isEmpty() ? null : gameId);
        if (!launched) {
            return answer(Result.NO_ACCOUNT);
        }
        String url = "https://games.simulator.invalid/" + game.toLowerCase(Locale.ROOT) + "/play?token=" + token;
        return new Answer(200, Result.OK, Map.of("url", url, "token", token));
    }

    private Answer transfer(SimulatorDialect d, String account, Map<String, Object> body) {
        String game = d.game();
        String orderId = text(body, "orderId");
        String direction = text(body, "direction");
        BigDecimal amount;
        try {
            amount = d.parseAmount(text(body, "amount"));
        } catch (RuntimeException e) {
            return answer(Result.BAD_REQUEST);
        }
        if (!orderId.matches("[A-Za-z0-9_-]{1,64}") || !(direction.equals("IN") || direction.equals("OUT"))
                || amount.signum() <= 0) {
            return answer(Result.BAD_REQUEST);
        }
        return store.inTransaction(h -> {
            Optional<BigDecimal> balance = SimulatorStore.lockBalance(h, game, account);
            if (balance.isEmpty()) {
                return answer(Result.NO_ACCOUNT);
            }
            Optional<SimulatorStore.Order> existing = SimulatorStore.order(h, game, orderId);
            if (existing.isPresent()) {
                SimulatorStore.Order o = existing.get();
                if (!o.account().equals(account) || o.amount().compareTo(amount) != 0 || !o.direction().equals(direction)) {
                    return answer(Result.DUPLICATE_ORDER);
                }
                return o.status().equals("SUCCESS")
                        ? new Answer(200, Result.OK, Map.of("status", word(d, o.status()), "balance", d.formatAmount(balance.get())))
                        : answer(Result.INSUFFICIENT_BALANCE);
            }
            if (direction.equals("OUT") && balance.get().compareTo(amount) < 0) {
                SimulatorStore.recordOrder(h, game, orderId, account, amount, direction, "FAILED");
                return answer(Result.INSUFFICIENT_BALANCE);
            }
            BigDecimal delta = direction.equals("IN") ? amount : amount.negate();
            SimulatorStore.addToBalance(h, game, account, delta);
            SimulatorStore.recordOrder(h, game, orderId, account, amount, direction, "SUCCESS");
            return new Answer(200, Result.OK, Map.of("status", d.successWord(), "balance", d.formatAmount(balance.get().add(delta))));
        });
    }

    private static boolean validAccount(SimulatorDialect d, String account) {
        return account.startsWith(d.accountPrefix()) && account.length() <= d.maxAccountLength()
                && account.matches("[A-Za-z0-9_]+")
                && (!d.upperCaseAccounts() || account.equals(account.toUpperCase(Locale.ROOT)));
    }

    private static String word(SimulatorDialect d, String status) {
        return status.equals("SUCCESS") ? d.successWord() : d.failedWord();
    }

    private static Answer answer(Result result) {
        return new Answer(200, result, Map.of());
    }

    private static String text(Map<String, Object> body, String name) {
        Object v = body.get(name);
        return v == null ? "" : String.valueOf(v);
    }

    /** An answer ready to write: status and JSON body. */
    private record Rendered(int status, byte[] body) {
    }

    private Rendered render(SimulatorDialect d, Answer a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", d.code(a.result()));
        out.put("msg", a.result().name());
        out.put("data", a.data());
        return new Rendered(a.status(), json.writeValueAsBytes(out));
    }

    private static void write(HttpServletResponse response, Rendered r) throws IOException {
        response.setStatus(r.status());
        response.setContentType("application/json");
        response.setContentLength(r.body().length);
        response.getOutputStream().write(r.body());
    }

    /** Answers after a delay on a timer; the request's thread is released at once. */
    private static void later(HttpServletRequest request, long millis, Supplier<Rendered> answer) {
        Delayed delayed = new Delayed(request, millis);
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                if (delayed.open()) {
                    write(delayed.response(), answer.get());
                }
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
            } finally {
                delayed.complete();
            }
        });
    }

    /** Sends the headers, then the body one byte per {@code millis}, each byte from a timer. */
    private static void drip(HttpServletRequest request, Rendered r, long millis) {
        Delayed delayed = new Delayed(request, r.body().length * millis);
        HttpServletResponse response = delayed.response();
        response.setStatus(r.status());
        response.setContentType("application/json");
        response.setContentLength(r.body().length);
        dripFrom(delayed, r.body(), 0, millis);
    }

    private static void dripFrom(Delayed delayed, byte[] body, int index, long millis) {
        CompletableFuture.delayedExecutor(index == 0 ? 0 : millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                if (delayed.open()) {
                    var out = delayed.response().getOutputStream();
                    out.write(body[index]);
                    out.flush();
                    if (index + 1 < body.length) {
                        dripFrom(delayed, body, index + 1, millis);
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
            }
            delayed.complete();
        });
    }

    /**
     * An answer written later from a timer thread. Once the container reports an error or a
     * timeout (the caller left), the timer must not touch the request again.
     */
    private static final class Delayed implements AsyncListener {
        private final AsyncContext async;
        private final AtomicBoolean done = new AtomicBoolean();

        Delayed(HttpServletRequest request, long answerMillis) {
            this.async = request.startAsync();
            async.setTimeout(answerMillis + 10_000);
            async.addListener(this);
        }

        boolean open() {
            return !done.get();
        }

        HttpServletResponse response() {
            return (HttpServletResponse) async.getResponse();
        }

        void complete() {
            if (done.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            done.set(true);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            done.set(true);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private byte[] bytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }
}
