package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a request body into its top-level fields with one streaming pass and no object tree.
 * Anything but a single well-formed UTF-8 JSON object without duplicate keys is CONTENT. Arrays
 * keep their scalar items (the admin API's lists); anything nested deeper is kept only as its
 * kind, since no field of the API is structured further.
 */
public final class JsonBodyReader {
    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(16 * 1024)
                    .maxNameLength(256)
                    .build())
            .build();

    /** The exact bytes of a request body of at most {@code maxBytes}, or CONTENT. */
    public static byte[] readBounded(HttpServletRequest request, int maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw new GatewayException(Errors.INVALID_CONTENT);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new GatewayException(Errors.INVALID_CONTENT);
            }
            return body;
        } catch (IOException e) {
            throw new GatewayException(Errors.INVALID_CONTENT);
        }
    }

    /** The body's top-level fields in order, or CONTENT. */
    public Map<String, FieldInput> read(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new GatewayException(Errors.INVALID_CONTENT);
            }
            Map<String, FieldInput> fields = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                fields.put(name, value(parser, parser.nextToken()));
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new GatewayException(Errors.INVALID_CONTENT);
            }
            return fields;
        } catch (JacksonException e) {
            throw new GatewayException(Errors.INVALID_CONTENT);
        }
    }

    private static FieldInput value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> FieldInput.string(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> FieldInput.number(parser.getString());
            case VALUE_TRUE -> FieldInput.bool(true);
            case VALUE_FALSE -> FieldInput.bool(false);
            case VALUE_NULL -> FieldInput.NULL;
            case START_ARRAY -> {
                List<FieldInput> items = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(item == JsonToken.START_ARRAY || item == JsonToken.START_OBJECT ? nested(parser, item) : value(parser, item));
                }
                yield FieldInput.array(items);
            }
            case START_OBJECT -> nested(parser, token);
            default -> throw new GatewayException(Errors.INVALID_CONTENT);
        };
    }

    /** A value nested deeper than the API's fields: only its kind is kept. */
    private static FieldInput nested(JsonParser parser, JsonToken token) {
        parser.skipChildren();
        return token == JsonToken.START_ARRAY ? FieldInput.array(List.of()) : FieldInput.OBJECT;
    }
}
