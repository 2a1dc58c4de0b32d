package com.beiying.gateway.messaging;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconciliation as an admin command ({@code ADMIN_RECONCILE}) and its reply: which page the
 * admin API asks a worker for, and the page the worker answers. The page's lines travel as one
 * JSON array in the reply's {@code Lines} field, the way bet records do, so the Avro schema only
 * gained a command type. Pages keep each reply far below Kafka's 1 MB record limit however many
 * wallets there are; the admin API joins them.
 */
public final class Reconciliations {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Reconciliations() {
    }

    /**
     * A page to reconcile: of one operator or (null) all, of one member of it or (null) all, of
     * one game or (null) all, the {@code limit} wallets after {@code after} (null: from the first).
     */
    public record PageRequest(String operatorId, String userName, Game game, Reconciliation.Wallet after, int limit) {
    }

    /** A reconciled page; {@code next} is where the next page starts, null after the last. */
    public record Page(Reconciliation part, Reconciliation.Wallet next) {
    }

    /** The command fields asking for a page. */
    public static Map<String, FieldInput> fields(PageRequest request) {
        Map<String, FieldInput> out = new LinkedHashMap<>();
        if (request.operatorId() != null) {
            out.put("OperatorId", FieldInput.string(request.operatorId()));
        }
        if (request.userName() != null) {
            out.put("UserName", FieldInput.string(request.userName()));
        }
        if (request.game() != null) {
            out.put("Game", FieldInput.string(request.game().code()));
        }
        if (request.after() != null) {
            out.put("AfterOperatorId", FieldInput.string(request.after().operatorId()));
            out.put("AfterUserName", FieldInput.string(request.after().userName()));
            out.put("AfterGame", FieldInput.string(request.after().game().code()));
        }
        out.put("Limit", FieldInput.number(Integer.toString(request.limit())));
        return out;
    }

    /**
     * The page a command asks for.
     *
     * @throws GatewayException INVALID_CONTENT when the fields are not what {@link #fields} writes
     */
    public static PageRequest pageRequest(Map<String, FieldInput> fields) {
        try {
            String afterOperator = text(fields, "AfterOperatorId");
            Reconciliation.Wallet after = afterOperator == null ? null
                    : new Reconciliation.Wallet(afterOperator, required(fields, "AfterUserName"), game(required(fields, "AfterGame")));
            String game = text(fields, "Game");
            int limit = Integer.parseInt(required(fields, "Limit"));
            if (limit < 1) {
                throw new IllegalArgumentException("Limit " + limit);
            }
            return new PageRequest(text(fields, "OperatorId"), text(fields, "UserName"), game == null ? null : game(game), after, limit);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(Errors.INVALID_CONTENT);
        }
    }

    /** The reply fields of a page. */
    public static Map<String, FieldInput> result(Page page) {
        Map<String, FieldInput> out = new LinkedHashMap<>();
        out.put("Ok", FieldInput.bool(page.part().ok()));
        out.put("CollectedTo", FieldInput.json(FieldInput.Kind.OBJECT, write(g -> {
            g.writeStartObject();
            page.part().collectedTo().forEach((game, at) -> g.writeStringProperty(game.code(), at.toString()));
            g.writeEndObject();
        })));
        out.put("Lines", FieldInput.json(FieldInput.Kind.ARRAY, write(g -> {
            g.writeStartArray();
            for (Reconciliation.Line l : page.part().lines()) {
                g.writeStartObject();
                g.writeStringProperty("OperatorId", l.operatorId());
                g.writeStringProperty("UserName", l.userName());
                g.writeStringProperty("Game", l.game().code());
                g.writeStringProperty("Account", l.account());
                g.writeStringProperty("Ledger", l.ledger().toPlainString());
                g.writeStringProperty("SettledWinLoss", l.settledWinLoss().toPlainString());
                g.writeStringProperty("OpenStakes", l.openStakes().toPlainString());
                g.writeNumberProperty("Bets", l.bets());
                g.writeStringProperty("Expected", l.expected().toPlainString());
                g.writeStringProperty("ProviderBalance", l.provider() == null ? null : l.provider().toPlainString());
                g.writeStringProperty("Error", l.error());
                g.writeEndObject();
            }
            g.writeEndArray();
        })));
        if (page.next() != null) {
            out.put("NextOperatorId", FieldInput.string(page.next().operatorId()));
            out.put("NextUserName", FieldInput.string(page.next().userName()));
            out.put("NextGame", FieldInput.string(page.next().game().code()));
        }
        return out;
    }

    /**
     * The page a reply carries.
     *
     * @throws GatewayException INTERNAL_ERROR when the reply is not what {@link #result} writes
     */
    public static Page page(Map<String, FieldInput> result) {
        try {
            Map<Game, Instant> collectedTo = new EnumMap<>(Game.class);
            for (Map.Entry<String, JsonNode> e : MAPPER.readTree(required(result, "CollectedTo")).properties()) {
                collectedTo.put(game(e.getKey()), Instant.parse(e.getValue().asString()));
            }
            List<Reconciliation.Line> lines = new ArrayList<>();
            for (JsonNode l : MAPPER.readTree(required(result, "Lines"))) {
                lines.add(new Reconciliation.Line(l.path("OperatorId").asString(), l.path("UserName").asString(),
                        game(l.path("Game").asString()), l.path("Account").asString(), money(l, "Ledger"),
                        money(l, "SettledWinLoss"), money(l, "OpenStakes"), l.path("Bets").asLong(), money(l, "Expected"),
                        absent(l, "ProviderBalance") ? null : money(l, "ProviderBalance"),
                        absent(l, "Error") ? null : l.path("Error").asString()));
            }
            String nextOperator = text(result, "NextOperatorId");
            Reconciliation.Wallet next = nextOperator == null ? null
                    : new Reconciliation.Wallet(nextOperator, required(result, "NextUserName"), game(required(result, "NextGame")));
            return new Page(new Reconciliation(lines, collectedTo), next);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new GatewayException(Errors.INTERNAL_ERROR);
        }
    }

    private static boolean absent(JsonNode line, String name) {
        return line.path(name).isNull() || line.path(name).isMissingNode();
    }

    private static BigDecimal money(JsonNode line, String name) {
        return new BigDecimal(line.path(name).asString());
    }

    private static Game game(String code) {
        return Game.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown game " + code));
    }

    private static String text(Map<String, FieldInput> fields, String name) {
        FieldInput f = fields.get(name);
        return f == null || f.kind() == FieldInput.Kind.NULL ? null : f.text();
    }

    private static String required(Map<String, FieldInput> fields, String name) {
        String value = text(fields, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value;
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            body.write(g);
        }
        return out.toString();
    }
}
