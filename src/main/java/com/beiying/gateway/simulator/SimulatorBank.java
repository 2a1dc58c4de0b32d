package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/**
 * What every simulated provider does with money and bets, whatever its protocol: accounts with a
 * balance that never goes below zero, transfers applied once per order id (the same id with the
 * same content answers the first outcome, with other content is a conflict), a two-step transfer
 * for providers that prepare and then confirm, launches, and bets whose stake leaves the balance
 * when placed and whose payout enters it when settled (voids and resettlements correct it). The
 * protocol sides ({@code simulator.<game>}) only translate.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
public final class SimulatorBank {
    /** What became of a transfer. */
    public enum Outcome { APPLIED, INSUFFICIENT_BALANCE, NO_ACCOUNT, CONFLICT, NO_ORDER }

    /** A transfer's outcome and the account's balance after it. */
    public record Transfer(Outcome outcome, BigDecimal balance) {
    }

    /** What became of a bulk placement: {@code placed} bets, or none and why. */
    public record Bulk(Outcome outcome, long placed) {
    }

    /** An order as a provider's status query shows it; {@code status} PREPARED, SUCCESS or FAILED. */
    public record Order(String account, BigDecimal amount, boolean deposit, String status, BigDecimal balance) {
    }

    /** The most bets one bulk placement inserts: one statement, one transaction, kept to seconds. */
    private static final int MAX_BULK = 1_000_000;

    private final SimulatorStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SimulatorBank(SimulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Opens an account; false when it existed (a second open is no error for most providers). */
    public boolean openAccount(String game, String account, String currency) {
        return store.openAccount(game, account, currency);
    }

    /** The account's balance, if it exists. */
    public Optional<BigDecimal> balance(String game, String account) {
        return store.account(game, account).map(SimulatorStore.Account::balance);
    }

    /** The account's currency, if it exists. */
    public Optional<String> currency(String game, String account) {
        return store.account(game, account).map(SimulatorStore.Account::currency);
    }

    /** Moves money in one step, once per order id. */
    public Transfer transfer(String game, String orderId, String account, BigDecimal amount, boolean deposit) {
        return store.inTransaction(h -> {
            Optional<BigDecimal> balance = SimulatorStore.lockBalance(h, game, account);
            if (balance.isEmpty()) {
                return new Transfer(Outcome.NO_ACCOUNT, null);
            }
            Optional<SimulatorStore.Order> existing = SimulatorStore.lockOrder(h, game, orderId);
            if (existing.isPresent()) {
                return repeat(existing.get(), account, amount, deposit, balance.get());
            }
            return apply(h, game, orderId, account, amount, deposit, balance.get(), true);
        });
    }

    /** Step one of a two-step transfer: records it without moving money. */
    public Transfer prepare(String game, String orderId, String account, BigDecimal amount, boolean deposit) {
        return store.inTransaction(h -> {
            Optional<BigDecimal> balance = SimulatorStore.lockBalance(h, game, account);
            if (balance.isEmpty()) {
                return new Transfer(Outcome.NO_ACCOUNT, null);
            }
            Optional<SimulatorStore.Order> existing = SimulatorStore.lockOrder(h, game, orderId);
            if (existing.isPresent()) {
                SimulatorStore.Order o = existing.get();
                return same(o, account, amount, deposit) ? new Transfer(Outcome.APPLIED, balance.get())
                        : new Transfer(Outcome.CONFLICT, balance.get());
            }
            SimulatorStore.recordOrder(h, game, orderId, account, amount, deposit ? "IN" : "OUT", "PREPARED");
            return new Transfer(Outcome.APPLIED, balance.get());
        });
    }

    /** Step two: a prepared transfer is applied ({@code apply}) or cancelled; confirming again answers the first outcome. */
    public Transfer confirm(String game, String orderId, boolean apply) {
        return store.inTransaction(h -> {
            Optional<SimulatorStore.Order> existing = SimulatorStore.lockOrder(h, game, orderId);
            if (existing.isEmpty()) {
                return new Transfer(Outcome.NO_ORDER, null);
            }
            SimulatorStore.Order o = existing.get();
            BigDecimal balance = SimulatorStore.lockBalance(h, game, o.account()).orElseThrow();
            if (!o.status().equals("PREPARED")) {
                return new Transfer(o.status().equals("SUCCESS") ? Outcome.APPLIED : Outcome.INSUFFICIENT_BALANCE, balance);
            }
            if (!apply) {
                SimulatorStore.setOrderStatus(h, game, orderId, "FAILED");
                return new Transfer(Outcome.INSUFFICIENT_BALANCE, balance);
            }
            return apply(h, game, orderId, o.account(), o.amount(), o.direction().equals("IN"), balance, false);
        });
    }

    /** An order by id, with the account's balance now. */
    public Optional<Order> order(String game, String orderId) {
        return store.order(game, orderId).map(o -> new Order(o.account(), o.amount(), o.direction().equals("IN"), o.status(),
                balance(game, o.account()).orElse(BigDecimal.ZERO)));
    }

    /** A launch for an existing account: the session token, or empty when the account does not exist. */
    public Optional<String> launch(String game, String account, String platform, String language, String gameId) {
        byte[] token = new byte[16];
        random.nextBytes(token);
        String hex = HexFormat.of().formatHex(token);
        return store.launch(hex, game, account, platform, language, gameId) ? Optional.of(hex) : Optional.empty();
    }

    /** A provider's bets changed ({@code byModification}) or placed in {@code [from, to)}. */
    public List<SimulatedBet> bets(String game, Instant from, Instant to, boolean byModification) {
        return store.bets(game, from, to, byModification);
    }

    // ---- Play: what members do at a provider between their transfers --------------------------------

    /** Places a bet now: the stake leaves the balance; empty when the account lacks it. */
    public Optional<SimulatedBet> place(String game, String account, String gameId, BigDecimal stake, BigDecimal validBet) {
        return place(game, account, gameId, stake, validBet, clock.instant());
    }

    /** Places a bet at a given time (tests place bets in the past, where every provider's records reach). */
    public Optional<SimulatedBet> place(String game, String account, String gameId, BigDecimal stake, BigDecimal validBet,
                                        Instant at) {
        return place(game, account, gameId, stake, validBet, null, at);
    }

    /**
     * Places a bet at a given time, settled at once with {@code payout} when that is not null: in
     * one transaction, so that no reader of the provider's records ever sees it open first.
     */
    public Optional<SimulatedBet> place(String game, String account, String gameId, BigDecimal stake, BigDecimal validBet,
                                        BigDecimal payout, Instant at) {
        return store.inTransaction(h -> {
            Optional<BigDecimal> balance = SimulatorStore.lockBalance(h, game, account);
            if (balance.isEmpty() || balance.get().compareTo(stake) < 0) {
                return Optional.empty();
            }
            String betId = SimulatorStore.nextBetId(h);
            Instant now = at;
            String currency = store.account(game, account).map(SimulatorStore.Account::currency).orElse("CNY");
            SimulatedBet open = new SimulatedBet(game, betId, account, gameId, game.toLowerCase() + "-r" + betId, currency, stake,
                    validBet, BigDecimal.ZERO.setScale(2), SimulatedBet.Status.OPEN, now, null, now);
            SimulatorStore.insertBet(h, open);
            if (payout == null) {
                SimulatorStore.addToBalance(h, game, account, stake.negate());
                return Optional.of(open);
            }
            // Settled in the same transaction: inserted open, then its settlement written.
            SimulatedBet settled = open.changed(payout.setScale(2), SimulatedBet.Status.SETTLED, now, now);
            SimulatorStore.updateBet(h, settled);
            SimulatorStore.addToBalance(h, game, account, payout.subtract(stake));
            return Optional.of(settled);
        });
    }

    /**
     * Places {@code count} bets already settled with the same stake and payout, spread evenly over
     * the accounts (bet i to account i mod n) and over {@code [from, to)}, in one statement, and
     * moves each account's balance by its bets' net win/loss in the same transaction; for loads
     * (the benchmark) far beyond what single placements would reach. Nothing is placed when an
     * account does not exist ({@code NO_ACCOUNT}) or its balance would go below zero
     * ({@code INSUFFICIENT_BALANCE}).
     *
     * @throws IllegalArgumentException for no accounts, a count below 1, an empty time span, a
     *                                  stake that is not positive or a negative payout
     */
    public Bulk placeSettled(String game, List<String> accounts, int count, Instant from, Instant to, String gameId,
                             BigDecimal stake, BigDecimal payout) {
        if (accounts.isEmpty() || count < 1 || count > MAX_BULK || !to.isAfter(from) || stake.signum() <= 0
                || payout.signum() < 0 || stake.stripTrailingZeros().scale() > 2 || payout.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("accounts, a count of 1 to " + MAX_BULK + ", From before To, a positive stake"
                    + " and a payout of at least 0, both in cents, are needed");
        }
        BigDecimal net = payout.subtract(stake);
        return store.inTransaction(h -> {
            Map<String, BigDecimal> balances = SimulatorStore.lockBalances(h, game, new TreeSet<>(accounts));
            Map<String, BigDecimal> moves = new HashMap<>();
            int n = accounts.size();
            for (int a = 0; a < n; a++) {
                long bets = count / n + (a < count % n ? 1 : 0);
                moves.merge(accounts.get(a), net.multiply(BigDecimal.valueOf(bets)), BigDecimal::add);
            }
            for (var move : moves.entrySet()) {
                BigDecimal balance = balances.get(move.getKey());
                if (balance == null) {
                    return new Bulk(Outcome.NO_ACCOUNT, 0);
                }
                if (balance.add(move.getValue()).signum() < 0) {
                    return new Bulk(Outcome.INSUFFICIENT_BALANCE, 0);
                }
            }
            long placed = SimulatorStore.placeSettledBets(h, game, accounts, count, from, to, gameId, stake.setScale(2),
                    payout.setScale(2));
            return new Bulk(Outcome.APPLIED, placed);
        });
    }

    /** Settles an open bet: the payout (stake included) enters the balance. */
    public Optional<SimulatedBet> settle(String game, String betId, BigDecimal payout, Instant at) {
        return change(game, betId, bet -> bet.status() == SimulatedBet.Status.OPEN, bet -> payout, SimulatedBet.Status.SETTLED, at);
    }

    /** Voids a bet: an open one gives its stake back; a settled one takes its payout back and gives the stake back. */
    public Optional<SimulatedBet> voidBet(String game, String betId, Instant at) {
        return change(game, betId, bet -> bet.status() != SimulatedBet.Status.VOID, bet -> BigDecimal.ZERO.setScale(2),
                SimulatedBet.Status.VOID, at);
    }

    /** Resettles a settled bet with a new payout: the difference moves. */
    public Optional<SimulatedBet> resettle(String game, String betId, BigDecimal payout, Instant at) {
        return change(game, betId, bet -> bet.status() == SimulatedBet.Status.SETTLED || bet.status() == SimulatedBet.Status.RESETTLED,
                bet -> payout, SimulatedBet.Status.RESETTLED, at);
    }

    /** Now, by the simulator's clock. */
    Instant now() {
        return clock.instant();
    }

    List<SimulatedBet> openBets(Instant before, int limit, Set<String> keys) {
        return store.openBets(before, limit, keys);
    }

    List<SimulatedBet> settledBets(Instant since, int limit, Set<String> keys) {
        return store.settledBets(since, limit, keys);
    }

    List<SimulatorStore.Account> accountsWithMoney(BigDecimal least, int limit, Set<String> keys) {
        return store.accountsWithMoney(least, limit, keys);
    }

    private Optional<SimulatedBet> change(String game, String betId, Predicate<SimulatedBet> allowed,
                                          Function<SimulatedBet, BigDecimal> payoutOf, SimulatedBet.Status status,
                                          Instant at) {
        return store.inTransaction(h -> {
            Optional<SimulatedBet> found = SimulatorStore.lockBet(h, game, betId);
            if (found.isEmpty() || !allowed.test(found.get())) {
                return Optional.<SimulatedBet>empty();
            }
            SimulatedBet bet = found.get();
            SimulatorStore.lockBalance(h, game, bet.account());
            BigDecimal payout = payoutOf.apply(bet).setScale(2);
            // What the balance holds of this bet before and after: -stake while open, payout-stake once settled, 0 when void.
            BigDecimal before = held(bet.status(), bet.stake(), bet.payout());
            BigDecimal after = held(status, bet.stake(), payout);
            SimulatorStore.addToBalance(h, game, bet.account(), after.subtract(before));
            Instant now = at;
            SimulatedBet changed = bet.changed(payout, status, status == SimulatedBet.Status.OPEN ? null
                    : status == SimulatedBet.Status.VOID ? bet.settledAt() : now, now);
            SimulatorStore.updateBet(h, changed);
            return Optional.of(changed);
        });
    }

    private static BigDecimal held(SimulatedBet.Status status, BigDecimal stake, BigDecimal payout) {
        return switch (status) {
            case OPEN -> stake.negate();
            case SETTLED, RESETTLED -> payout.subtract(stake);
            case VOID -> BigDecimal.ZERO;
        };
    }

    private static Transfer repeat(SimulatorStore.Order o, String account, BigDecimal amount, boolean deposit, BigDecimal balance) {
        if (!same(o, account, amount, deposit)) {
            return new Transfer(Outcome.CONFLICT, balance);
        }
        return new Transfer(o.status().equals("SUCCESS") ? Outcome.APPLIED : Outcome.INSUFFICIENT_BALANCE, balance);
    }

    private static boolean same(SimulatorStore.Order o, String account, BigDecimal amount, boolean deposit) {
        return o.account().equals(account) && o.amount().compareTo(amount) == 0 && o.direction().equals(deposit ? "IN" : "OUT");
    }

    private static Transfer apply(Handle h, String game, String orderId, String account, BigDecimal amount,
                                  boolean deposit, BigDecimal balance, boolean record) {
        if (!deposit && balance.compareTo(amount) < 0) {
            if (record) {
                SimulatorStore.recordOrder(h, game, orderId, account, amount, "OUT", "FAILED");
            } else {
                SimulatorStore.setOrderStatus(h, game, orderId, "FAILED");
            }
            return new Transfer(Outcome.INSUFFICIENT_BALANCE, balance);
        }
        BigDecimal delta = deposit ? amount : amount.negate();
        SimulatorStore.addToBalance(h, game, account, delta);
        if (record) {
            SimulatorStore.recordOrder(h, game, orderId, account, amount, deposit ? "IN" : "OUT", "SUCCESS");
        } else {
            SimulatorStore.setOrderStatus(h, game, orderId, "SUCCESS");
        }
        return new Transfer(Outcome.APPLIED, balance.add(delta));
    }
}
