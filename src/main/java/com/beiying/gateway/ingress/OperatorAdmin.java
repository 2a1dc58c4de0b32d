package com.beiying.gateway.ingress;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.SecretBox;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.persistence.OperatorDao;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.provider.Game;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.jdbi.v3.core.Jdbi;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Operator administration (SPEC §9): every field is validated before anything is written, so a
 * refused change changes nothing. Secrets are generated here, sealed at rest and shown once.
 * The local directory is refreshed at once; other instances follow within the refresh period.
 */
final class OperatorAdmin {
    private static final String[] ALL_GAMES = Arrays.stream(Game.values()).map(Game::code).toArray(String[]::new);
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new key pair; the secret is never shown again. */
    record Credentials(String operatorId, String apiKey, String secret) {
    }

    /** An operator as the admin API shows it (without secrets). */
    record View(OperatorDao.OperatorRow operator, List<String> games) {
    }

    private final Jdbi jdbi;
    private final SecretBox operatorSecrets;
    private final OperatorDirectory directory;
    private final KafkaAdmin kafkaAdmin;
    private final GatewayProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OperatorAdmin(Jdbi jdbi, SecretBox operatorSecrets, OperatorDirectory directory, KafkaAdmin kafkaAdmin,
                  GatewayProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.operatorSecrets = operatorSecrets;
        this.directory = directory;
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
        this.clock = clock;
    }

    Credentials create(AdminFields f) {
        String name = f.name();
        List<String> allowlist = f.ipAllowlist();
        String currency = f.currency();
        String launchDomain = f.launchDomain();
        ErrorFormat format = f.errorFormat().orElse(ErrorFormat.BEIYING);
        Set<String> games = f.has(RequestField.GAMES) ? f.games() : Set.of(ALL_GAMES);
        Integer rateLimit = f.rateLimit();
        boolean kafkaNative = f.kafkaNative();

        String operatorId = "op" + randomId(10);
        Credentials credentials = new Credentials(operatorId, "ak" + HexFormat.of().formatHex(bytes(16)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
        if (kafkaNative) {
            createTopics(operatorId);
        }
        jdbi.useTransaction(h -> {
            OperatorDao dao = h.attach(OperatorDao.class);
            dao.insertOperator(operatorId, name, String.join(",", allowlist), launchDomain, currency, format.name(),
                    rateLimit, kafkaNative);
            dao.insertKey(credentials.apiKey(), operatorId, operatorSecrets.seal(credentials.secret(), credentials.apiKey()), null);
            dao.setGames(operatorId, games.toArray(String[]::new), ALL_GAMES);
        });
        directory.refresh();
        return credentials;
    }

    View patch(String operatorId, AdminFields f) {
        view(operatorId);
        Optional<String> status = f.has(RequestField.STATUS) ? Optional.of(f.status()) : Optional.empty();
        Optional<List<String>> allowlist = f.has(RequestField.IP_ALLOWLIST) ? Optional.of(f.ipAllowlist()) : Optional.empty();
        boolean domainGiven = f.has(RequestField.LAUNCH_DOMAIN);
        String domain = domainGiven ? f.launchDomain() : null;
        Optional<ErrorFormat> format = f.errorFormat();
        Optional<Set<String>> games = f.has(RequestField.GAMES) ? Optional.of(f.games()) : Optional.empty();
        boolean rateGiven = f.has(RequestField.RATE_LIMIT);
        Integer rateLimit = f.rateLimit();
        jdbi.useTransaction(h -> {
            OperatorDao dao = h.attach(OperatorDao.class);
            status.ifPresent(s -> dao.setStatus(operatorId, s));
            allowlist.ifPresent(a -> dao.setIpAllowlist(operatorId, String.join(",", a)));
            if (domainGiven) {
                dao.setLaunchDomain(operatorId, domain);
            }
            format.ifPresent(e -> dao.setErrorFormat(operatorId, e.name()));
            games.ifPresent(g -> dao.setGames(operatorId, g.toArray(String[]::new), ALL_GAMES));
            if (rateGiven) {
                dao.setRateLimit(operatorId, rateLimit);
            }
        });
        directory.refresh();
        return view(operatorId);
    }

    /** A new pair; the operator's older pairs keep working for the configured overlap. */
    Credentials rotate(String operatorId) {
        view(operatorId);
        Credentials credentials = new Credentials(operatorId, "ak" + HexFormat.of().formatHex(bytes(16)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
        jdbi.useTransaction(h -> {
            OperatorDao dao = h.attach(OperatorDao.class);
            dao.expireKeys(operatorId, clock.instant().plus(properties.admin().keyOverlap()));
            dao.insertKey(credentials.apiKey(), operatorId, operatorSecrets.seal(credentials.secret(), credentials.apiKey()), null);
        });
        directory.refresh();
        return credentials;
    }

    View view(String operatorId) {
        return jdbi.withExtension(OperatorDao.class, dao -> dao.operator(operatorId)
                .map(row -> new View(row, dao.gamesOf(operatorId))))
                .orElseThrow(() -> new GatewayException(Errors.NOT_FOUND));
    }

    private void createTopics(String operatorId) {
        GatewayProperties.Kafka k = properties.kafka();
        kafkaAdmin.createOrModifyTopics(
                new NewTopic(k.operatorCommandsTopic(operatorId), k.commandPartitions(), k.replicationFactor()),
                new NewTopic(k.operatorRepliesTopic(operatorId), k.replyPartitions(), k.replicationFactor()));
    }

    private String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(out);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
