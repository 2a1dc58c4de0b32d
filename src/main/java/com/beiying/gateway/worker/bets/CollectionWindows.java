package com.beiying.gateway.worker.bets;

import com.beiying.gateway.provider.RecordRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which window of a provider's records to pull next, by its rules (docs/bets.md, "Collection"):
 * a decision without side effects, so that every rule is unit-tested.
 *
 * <ul>
 *   <li>The forward edge {@code collectedTo} is where the last pull ended. The next window starts
 *       {@code overlap} before it (so records that changed late are seen again) and ends at most
 *       {@code window} later, never closer to now than the provider's {@code minDelay}, and never
 *       starts before its {@code lookBack}.</li>
 *   <li>A provider that takes no window across its own calendar day gets the window cut at
 *       midnight in its zone, as two calls.</li>
 *   <li>Providers that select by bet time never show a later change of an old bet in a forward
 *       window, so their last {@code sweepBack} is swept again, one window per pull, behind the
 *       forward edge.</li>
 * </ul>
 */
final class CollectionWindows {

    /** A window {@code [from, to)} to pull. */
    record Window(Instant from, Instant to) {
    }

    private CollectionWindows() {
    }

    /**
     * The next forward pull: its calls (one, or two cut at the provider's midnight), or empty when
     * the provider has nothing new to give yet.
     */
    static Optional<List<Window>> forward(RecordRules rules, Instant collectedTo, Instant now) {
        Instant ready = now.minus(rules.minDelay());
        if (!ready.isAfter(collectedTo)) {
            return Optional.empty();
        }
        Instant from = latest(collectedTo.minus(rules.overlap()), oldest(rules, now));
        Instant to = earliest(from.plus(rules.window()), ready);
        if (!to.isAfter(collectedTo)) {
            // An overlap as long as the window would never move on: take the window after the edge.
            from = collectedTo;
            to = earliest(collectedTo.plus(rules.window()), ready);
        }
        return Optional.of(cut(rules, from, to));
    }

    /**
     * Whether the forward edge is more than a pull interval behind what the provider can give
     * ({@code now} less its minimum delay): worth another window now rather than at the next pull.
     * Caught up, the edge trails that point by under a pull interval, and a window taken then would
     * move it on by milliseconds while reading the whole overlap again.
     */
    static boolean behind(RecordRules rules, Instant collectedTo, Instant now, Duration pullInterval) {
        return Duration.between(collectedTo, now.minus(rules.minDelay())).compareTo(pullInterval) > 0;
    }

    /**
     * The next sweep window of a provider selected by bet time, starting at {@code sweptTo} (or
     * {@code sweepBack} ago), and where the sweep stands after it: back at the start once it
     * reached the forward pull's overlap. Empty for providers selected by modification time, whose
     * forward windows already see every change.
     */
    static Optional<Sweep> sweep(RecordRules rules, Instant sweptTo, Instant collectedTo, Instant now, Duration sweepBack) {
        if (rules.basis() != RecordRules.Basis.BET_TIME) {
            return Optional.empty();
        }
        Instant start = latest(now.minus(sweepBack), oldest(rules, now));
        Instant end = collectedTo.minus(rules.overlap());
        Instant from = sweptTo == null || sweptTo.isBefore(start) || !sweptTo.isBefore(end) ? start : sweptTo;
        if (!end.isAfter(from)) {
            return Optional.empty();
        }
        Instant to = earliest(from.plus(rules.window()), end);
        List<Window> calls = cut(rules, from, to);
        return Optional.of(new Sweep(calls, to.isBefore(end) ? to : start));
    }

    /** A sweep's calls and where the sweep stands after them. */
    record Sweep(List<Window> calls, Instant next) {
    }

    /** The oldest instant the provider still serves, with a minute's margin for clocks that differ. */
    private static Instant oldest(RecordRules rules, Instant now) {
        return now.minus(rules.lookBack()).plus(Duration.ofMinutes(1));
    }

    private static List<Window> cut(RecordRules rules, Instant from, Instant to) {
        List<Window> out = new ArrayList<>(2);
        if (rules.withinOneDay()) {
            Instant cursor = from;
            while (true) {
                LocalDate day = cursor.atOffset(rules.zone()).toLocalDate();
                Instant midnight = day.plusDays(1).atStartOfDay().toInstant(rules.zone());
                if (!midnight.isBefore(to)) {
                    break;
                }
                out.add(new Window(cursor, midnight));
                cursor = midnight;
            }
            out.add(new Window(cursor, to));
            return out;
        }
        out.add(new Window(from, to));
        return out;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
