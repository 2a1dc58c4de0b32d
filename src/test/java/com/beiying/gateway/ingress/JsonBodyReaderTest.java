package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {
    private final JsonBodyReader reader = new JsonBodyReader();

    private Map<String, FieldInput> read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsKindsAndLiteralNumbers() {
        Map<String, FieldInput> fields = read("{\"A\":\"x\",\"B\":10.10,\"C\":1e400,\"D\":true,\"E\":null,\"F\":[1,{\"x\":2}],\"G\":{}}");
        assertThat(fields.get("A")).isEqualTo(FieldInput.string("x"));
        assertThat(fields.get("B")).isEqualTo(FieldInput.number("10.10"));
        assertThat(fields.get("C")).isEqualTo(FieldInput.number("1e400"));
        assertThat(fields.get("D")).isEqualTo(FieldInput.bool(true));
        assertThat(fields.get("E").kind()).isEqualTo(FieldInput.Kind.NULL);
        assertThat(fields.get("F").kind()).isEqualTo(FieldInput.Kind.ARRAY);
        assertThat(fields.get("G").kind()).isEqualTo(FieldInput.Kind.OBJECT);
        assertThat(read("")).isEmpty();
    }

    @Test
    void everythingButOneObjectIsContent() {
        for (String bad : new String[] {"[]", "\"x\"", "42", "{", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{'a':1}",
                "{\"a\":01}", "{\"a\":NaN}", "{\"a\":\"\u0001\"}", "[".repeat(100) + "]".repeat(100),
                "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"}) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.error()).isEqualTo(Errors.INVALID_CONTENT));
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        assertThatThrownBy(() -> reader.read(invalidUtf8)).isInstanceOf(GatewayException.class);
    }
}
