package com.beiying.gateway.ingress;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.persistence.GameStatusDirectory;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders every answer of the API from a reply or a catalogued error, in the operator's dialect
 * (docs/api.md). Bodies are written with a streaming generator, no object tree; the RequestId is
 * also always in the {@code X-Request-Id} response header, since the RGS shapes have no place
 * for it.
 */
public final class ResponseWriter {
    private static final MediaType JSON = MediaType.parseMediaType("application/json;charset=UTF-8");
    private final JsonFactory factory = JsonFactory.builder().build();

    /** An error that never reached a worker. */
    public ResponseEntity<byte[]> error(GatewayException e, Language language, ErrorFormat format, String requestId) {
        Errors error = e.error();
        return respond(error.httpStatus(), requestId, write(g -> writeError(g, format, error.code(e.field()),
                e.message(language), error.rgsId().orElse(null), error.rgsCode(e.field()).orElse(null), requestId, Map.of())));
    }

    /** A worker's reply. */
    ResponseEntity<byte[]> reply(ReplyMessage reply, ErrorFormat format) {
        int status = reply.success() ? 200 : Errors.byName(reply.errorName()).httpStatus();
        return respond(status, reply.requestId(), write(g -> writeReply(g, reply, format)));
    }

    /** {@code GET /v1/requests/{RequestId}}: Pending, or Done with the stored reply nested. */
    ResponseEntity<byte[]> requestState(String requestId, ReplyMessage reply, Language language, ErrorFormat format) {
        return respond(200, requestId, write(g -> {
            g.writeStartObject();
            writeSuccessHead(g, language, requestId);
            g.writeStringProperty("Status", reply == null ? "Pending" : "Done");
            if (reply != null) {
                g.writeName("Reply");
                writeReply(g, reply, format);
            }
            g.writeEndObject();
        }));
    }

    /** {@code GET /v1/games}: providers with their live status. */
    public ResponseEntity<byte[]> games(String requestId, Language language, List<Game> games,
                                 Function<Game, Optional<GameStatusDirectory.Window>> maintenance) {
        return respond(200, requestId, write(g -> {
            g.writeStartObject();
            writeSuccessHead(g, language, requestId);
            g.writeName("Games");
            g.writeStartArray();
            for (Game game : games) {
                g.writeStartObject();
                g.writeStringProperty("Code", game.code());
                g.writeStringProperty("Name", game.displayName());
                g.writeStringProperty("Type", game.type().name());
                Optional<GameStatusDirectory.Window> window = maintenance.apply(game);
                g.writeStringProperty("Status", window.isPresent() ? "Maintenance" : "Normal");
                if (window.isPresent() && window.get().until() != null) {
                    g.writeStringProperty("MaintenanceUntil", window.get().until().toString());
                } else {
                    g.writeNullProperty("MaintenanceUntil");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** A success answered at the ingress (the admin API): the success head, then what the route writes. */
    public ResponseEntity<byte[]> success(Language language, Consumer<JsonGenerator> fields) {
        return respond(200, null, write(g -> {
            g.writeStartObject();
            writeSuccessHead(g, language, null);
            fields.accept(g);
            g.writeEndObject();
        }));
    }

    private void writeReply(JsonGenerator g, ReplyMessage reply, ErrorFormat format) {
        if (!reply.success()) {
            // A reply stored by an older version may lack the id; the catalog knows it by the entry's name.
            Errors entry = Errors.byName(reply.errorName());
            Integer errorId = reply.errorId() != null ? reply.errorId() : entry.rgsId().orElse(null);
            String errorCode = reply.errorId() != null ? reply.errorCode() : entry.rgsCode(null).orElse(null);
            writeError(g, format, reply.code(), reply.message(), errorId, errorCode, reply.requestId(), reply.result());
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("Code", reply.code());
        g.writeStringProperty("Message", reply.message());
        g.writeStringProperty("RequestId", reply.requestId());
        writeFields(g, reply.result());
        g.writeEndObject();
    }

    private static void writeSuccessHead(JsonGenerator g, Language language, String requestId) {
        g.writeStringProperty("Code", Errors.SUCCESS.code(null));
        g.writeStringProperty("Message", Errors.SUCCESS.message(language, null, Map.of()));
        if (requestId != null) {
            g.writeStringProperty("RequestId", requestId);
        }
    }

    private static void writeFields(JsonGenerator g, Map<String, FieldInput> fields) {
        for (Map.Entry<String, FieldInput> f : fields.entrySet()) {
            g.writeName(f.getKey());
            FieldInput v = f.getValue();
            switch (v.kind()) {
                case STRING -> g.writeString(v.text());
                case NUMBER -> g.writeNumber(v.text());
                case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(v.text()));
                // Arrays and objects of a reply arrive as JSON text the worker wrote (bet records).
                case ARRAY, OBJECT -> {
                    if (v.text() != null) {
                        g.writeRawValue(v.text());
                    } else {
                        g.writeNull();
                    }
                }
                default -> g.writeNull();
            }
        }
    }

    private static void writeError(JsonGenerator g, ErrorFormat format, String code, String message, Integer errorId,
                                   String errorCode, String requestId, Map<String, FieldInput> result) {
        g.writeStartObject();
        if (format == ErrorFormat.RGS) {
            g.writeNumberProperty("error", 1);
            if (errorId != null && errorId >= 2001 && errorId <= 2011) {
                g.writeName("error_detail");
                g.writeStartObject();
                g.writeNumberProperty("id", errorId);
                g.writeStringProperty("code", errorCode);
                g.writeStringProperty("message", message);
                g.writeEndObject();
            } else {
                g.writeNumberProperty("error_id", errorId);
                g.writeStringProperty("error_code", errorCode);
                g.writeStringProperty("error_message", message);
            }
        } else {
            g.writeStringProperty("Code", code);
            g.writeStringProperty("Message", message);
            if (errorId != null) {
                g.writeNumberProperty("ErrorId", errorId);
                g.writeStringProperty("ErrorCode", errorCode);
            }
            if (requestId != null) {
                g.writeStringProperty("RequestId", requestId);
            }
            // An error can still name what it concerns, e.g. a transfer still processing: OrderID, Status.
            writeFields(g, result);
        }
        g.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            body.write(g);
        }
        return out.toByteArray();
    }

    private static ResponseEntity<byte[]> respond(int status, String requestId, byte[] body) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(JSON);
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        return builder.body(body);
    }
}
