package com.beiying.gateway.persistence;

import com.beiying.gateway.config.Cidr;
import com.beiying.gateway.config.SecretBox;
import com.beiying.gateway.error.ErrorFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * In-memory view of all operators and usable keys, reloaded from PostgreSQL on a short period so
 * that every instance sees an admin change within seconds without a database read per request.
 * Secrets are opened once per reload and never leave this object except as HMAC keys.
 */
public class OperatorDirectory {
    /** AES-GCM purpose under which operator secrets are sealed at rest. */
    public static final String SECRET_PURPOSE = "operator-secret";
    private static final Logger log = LoggerFactory.getLogger(OperatorDirectory.class);

    /** An authenticating key pair: the operator it belongs to and its secret. */
    public record Credentials(String operatorId, byte[] secret) {
    }

    private record Snapshot(Map<String, Credentials> byKey, Map<String, Operator> byId, Map<String, List<byte[]>> secrets) {
    }

    private final Jdbi jdbi;
    private final SecretBox secrets;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

    /** Loads the directory at once so the first request finds its operator. */
    public OperatorDirectory(Jdbi jdbi, SecretBox secrets) {
        this.jdbi = jdbi;
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

    /** Reloads everything; scheduled, and called after an admin change on this instance. */
    @Scheduled(fixedDelayString = "${gateway.ingress.operator-refresh}")
    public void refresh() {
        try {
            snapshot = load();
        } catch (RuntimeException e) {
            // Keep serving the last good view: a database blip must not lock every operator out.
            log.warn("operator directory refresh failed; keeping the previous view: {}", e.toString());
        }
    }

    private Snapshot load() {
        return jdbi.withExtension(OperatorDao.class, dao -> {
            Map<String, Set<String>> games = new HashMap<>();
            for (OperatorDao.GameRow g : dao.enabledGames()) {
                games.computeIfAbsent(g.operatorId(), k -> new HashSet<>()).add(g.game());
            }
            Map<String, Operator> byId = new HashMap<>();
            for (OperatorDao.OperatorRow row : dao.operators()) {
                byId.put(row.operatorId(), new Operator(row.operatorId(), row.name(), "ACTIVE".equals(row.status()),
                        parseAllowlist(row.ipAllowlist()), row.launchDomain(), row.currency(),
                        ErrorFormat.valueOf(row.errorFormat()), Set.copyOf(games.getOrDefault(row.operatorId(), Set.of())),
                        row.rateLimit(), row.kafkaNative()));
            }
            Map<String, Credentials> byKey = new HashMap<>();
            Map<String, List<byte[]>> byOperator = new HashMap<>();
            for (OperatorDao.KeyRow key : dao.usableKeys()) {
                byte[] secret = secrets.open(key.secretSealed(), key.apiKey()).getBytes(StandardCharsets.UTF_8);
                byKey.put(key.apiKey(), new Credentials(key.operatorId(), secret));
                byOperator.computeIfAbsent(key.operatorId(), k -> new ArrayList<>()).add(secret);
            }
            return new Snapshot(Map.copyOf(byKey), Map.copyOf(byId), Map.copyOf(byOperator));
        });
    }

    private static List<Cidr> parseAllowlist(String csv) {
        List<Cidr> out = new ArrayList<>();
        if (csv != null) {
            for (String part : csv.split(",")) {
                if (!part.isBlank()) {
                    out.add(Cidr.parse(part));
                }
            }
        }
        return List.copyOf(out);
    }
}
