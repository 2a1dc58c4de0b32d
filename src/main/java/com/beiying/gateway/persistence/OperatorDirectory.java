package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.security.Cidr;
import com.beiying.gateway.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * In-memory view of all operators and usable keys, reloaded from PostgreSQL on a short period so
 * that every instance sees an admin change within seconds without a database read per request.
 * Secrets are opened once per reload and never leave this object except as HMAC keys.
 */
public class OperatorDirectory {
    private static final Logger log = LoggerFactory.getLogger(OperatorDirectory.class);

    /** An authenticating key pair: the operator it belongs to and its secret. */
    public record Credentials(String operatorId, byte[] secret) {
    }

    private record Snapshot(Map<String, Credentials> byKey, Map<String, Operator> byId, Map<String, List<byte[]>> secrets) {
    }

    private final OperatorStore store;
    private final SecretBox secrets;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

    /** Loads the directory at once so the first request finds its operator. */
    public OperatorDirectory(OperatorStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
        refresh();
    }

    /** The credentials an ApiKey stands for. */
    public Optional<Credentials> byApiKey(String apiKey) {
        return Optional.ofNullable(snapshot.byKey().get(apiKey));
    }

    /** The operator with this id. */
    public Optional<Operator> byId(String operatorId) {
        return Optional.ofNullable(snapshot.byId().get(operatorId));
    }

    /** The usable secrets of an operator (several while a rotated pair is in its overlap). */
    public List<byte[]> secretsOf(String operatorId) {
        return snapshot.secrets().getOrDefault(operatorId, List.of());
    }

    /**
     * Reloads everything; scheduled, and called after an admin change on this instance. Reloads
     * take turns, so a slow reload that began before a change can never publish after the reload
     * that follows the change.
     */
    @Scheduled(fixedDelayString = "${gateway.ingress.operator-refresh}")
    public synchronized void refresh() {
        try {
            snapshot = load();
        } catch (RuntimeException e) {
            // Keep serving the last good view: a database blip must not lock every operator out.
            log.warn("operator directory refresh failed; keeping the previous view: {}", e.toString());
        }
    }

    private Snapshot load() {
        OperatorStore.Everything everything = store.everything();
        Map<String, Set<Game>> games = new HashMap<>();
        for (OperatorStore.GameRow g : everything.enabledGames()) {
            Game.fromCode(g.game()).ifPresent(game -> games.computeIfAbsent(g.operatorId(), k -> EnumSet.noneOf(Game.class)).add(game));
        }
        Map<String, Operator> byId = new HashMap<>();
        for (OperatorStore.OperatorRow row : everything.operators()) {
            byId.put(row.operatorId(), new Operator(row.operatorId(), row.name(), row.active(),
                    row.ipAllowlist().stream().filter(c -> !c.isBlank()).map(Cidr::parse).toList(), row.launchDomain(),
                    row.currency(), row.errorFormat(), Set.copyOf(games.getOrDefault(row.operatorId(), Set.of())),
                    row.rateLimit(), row.kafkaNative(), row.timeZone()));
        }
        Map<String, Credentials> byKey = new HashMap<>();
        Map<String, List<byte[]>> byOperator = new HashMap<>();
        for (OperatorStore.KeyRow key : everything.usableKeys()) {
            byte[] secret = secrets.open(key.secretSealed(), key.apiKey()).getBytes(StandardCharsets.UTF_8);
            byKey.put(key.apiKey(), new Credentials(key.operatorId(), secret));
            byOperator.computeIfAbsent(key.operatorId(), k -> new ArrayList<>()).add(secret);
        }
        return new Snapshot(Map.copyOf(byKey), Map.copyOf(byId), Map.copyOf(byOperator));
    }
}
