package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.security.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Operator administration (docs/api.md): every field is validated before anything is written, so a
 * refused change changes nothing. Secrets are generated here, sealed at rest and shown once.
 * The local directory is refreshed at once; other instances follow within the refresh period.
 * Public for the console (ingress.console), which offers people the same operations.
 */
public final class OperatorAdmin {
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new key pair; the secret is never shown again. */
    public record Credentials(String operatorId, String apiKey, String secret) {
    }

    /** An operator as the admin API shows it (without secrets). */
    public record View(OperatorStore.OperatorRow operator, List<String> games) {
    }

    private final OperatorStore store;
    private final SecretBox operatorSecrets;
    private final OperatorDirectory directory;
    private final KafkaAdmin kafkaAdmin;
    private final Topics topics;
    private final GatewayProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OperatorAdmin(OperatorStore store, SecretBox operatorSecrets, OperatorDirectory directory, KafkaAdmin kafkaAdmin, Topics topics,
                  GatewayProperties properties, Clock clock) {
        this.store = store;
        this.operatorSecrets = operatorSecrets;
        this.directory = directory;
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates an operator from the admin API's fields; its secret is in the answer and nowhere else. */
    public Credentials create(Fields f) {
        String name = FieldRules.operatorName(f);
        List<String> allowlist = FieldRules.ipAllowlist(f);
        String currency = FieldRules.currency(f);
        String launchDomain = FieldRules.launchDomain(f);
        ErrorFormat format = FieldRules.errorFormat(f).orElse(ErrorFormat.BEIYING);
        Set<Game> games = f.has(RequestField.GAMES) ? FieldRules.games(f) : EnumSet.allOf(Game.class);
        Integer rateLimit = FieldRules.rateLimit(f);
        boolean kafkaNative = FieldRules.kafkaNative(f);
        ZoneId timeZone = FieldRules.timeZone(f).orElse(Operator.DEFAULT_TIME_ZONE);

        String operatorId = "op" + randomId(10);
        Credentials credentials = newCredentials(operatorId);
        if (kafkaNative) {
            createTopics(operatorId);
        }
        store.create(new OperatorStore.NewOperator(operatorId, name, allowlist, launchDomain, currency, format, rateLimit, kafkaNative,
                        timeZone),
                sealed(credentials), games);
        directory.refresh();
        return credentials;
    }

    /** Changes the settings given in the fields (PATCH semantics: what is absent stays). */
    public View patch(String operatorId, Fields f) {
        view(operatorId);
        OperatorStore.Patch patch = new OperatorStore.Patch(
                f.has(RequestField.STATUS) ? FieldRules.operatorActive(f) : null,
                f.has(RequestField.IP_ALLOWLIST) ? FieldRules.ipAllowlist(f) : null,
                f.has(RequestField.LAUNCH_DOMAIN), FieldRules.launchDomain(f),
                FieldRules.errorFormat(f).orElse(null),
                f.has(RequestField.GAMES) ? FieldRules.games(f) : null,
                f.has(RequestField.RATE_LIMIT), FieldRules.rateLimit(f), FieldRules.timeZone(f).orElse(null));
        store.patch(operatorId, patch);
        directory.refresh();
        return view(operatorId);
    }

    /** A new pair; the operator's older pairs keep working for the configured overlap. */
    public Credentials rotate(String operatorId) {
        view(operatorId);
        Credentials credentials = newCredentials(operatorId);
        store.rotate(operatorId, sealed(credentials), clock.instant().plus(properties.admin().keyOverlap()));
        directory.refresh();
        return credentials;
    }

    /** One operator; an unknown id is OPERATOR_NOT_FOUND. */
    public View view(String operatorId) {
        return store.operator(operatorId).map(row -> new View(row, store.gamesOf(operatorId)))
                .orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
    }

    /** Every operator as {@link #view} shows it (games in the same order), oldest first. */
    public List<View> list() {
        Map<String, List<String>> games = new HashMap<>();
        for (OperatorStore.GameRow g : store.enabledGames()) {
            games.computeIfAbsent(g.operatorId(), k -> new ArrayList<>()).add(g.game());
        }
        games.values().forEach(Collections::sort);
        return store.operators().stream().map(row -> new View(row, games.getOrDefault(row.operatorId(), List.of()))).toList();
    }

    private Credentials newCredentials(String operatorId) {
        return new Credentials(operatorId, "ak" + HexFormat.of().formatHex(bytes(16)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
    }

    private OperatorStore.NewKey sealed(Credentials credentials) {
        return new OperatorStore.NewKey(credentials.apiKey(), operatorSecrets.seal(credentials.secret(), credentials.apiKey()));
    }

    private void createTopics(String operatorId) {
        GatewayProperties.Kafka k = properties.kafka();
        kafkaAdmin.createOrModifyTopics(
                new NewTopic(topics.operatorCommands(operatorId), k.commandPartitions(), k.replicationFactor()),
                new NewTopic(topics.operatorReplies(operatorId), k.replyPartitions(), k.replicationFactor()));
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
