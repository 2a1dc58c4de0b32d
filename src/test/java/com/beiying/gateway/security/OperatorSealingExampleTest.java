package com.beiying.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.PythonScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The worked example of a Kafka-native operator's sealed field in docs/consumers.md ("Sealing a
 * secret field"): these inputs give exactly these bytes through the gateway's own code, the
 * document shows the same bytes, and the document's second implementation (scripts/seal-field, in
 * Python) gives them too and opens what the gateway seals.
 */
class OperatorSealingExampleTest {
    static final String SECRET = "example-secret-0123456789";
    static final String OPERATOR = "op4k2example";
    static final String REQUEST = "req-0001";
    static final String FIELD = "Password";
    static final String TEXT = "abc12345";
    static final String NONCE = "000102030405060708090a0b";
    static final String KEY = "579e99d85a6c40e5fc034a4c5322359cfd5690465ff24fa0d326bb9ea3fe19ac";
    static final String SEALED_HEX = "01000102030405060708090a0bfce093d7f5077ce5613861a1a1c1d875f727d418e7983a36";
    static final String SEALED_BASE64 = "AQABAgMEBQYHCAkKC/zgk9f1B3zlYThhoaHB2HX3J9QY55g6Ng==";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theExampleInputsSealToTheDocumentedBytes() throws Exception {
        String aad = FieldSealing.associatedData(OPERATOR, REQUEST, FIELD);
        assertThat(aad).isEqualTo("op4k2example:req-0001/Password");
        SecretBox box = SecretBox.forOperatorSecret(SECRET.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = box.seal(TEXT, aad, HEX.parseHex(NONCE));
        assertThat(HEX.formatHex(sealed)).isEqualTo(SEALED_HEX);
        assertThat(Base64.getEncoder().encodeToString(sealed)).isEqualTo(SEALED_BASE64);
        assertThat(box.open(sealed, aad)).isEqualTo(TEXT);
        // The key the document derives by hand is the one that opens it.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8)));
        sha.update("operator-field-seal".getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(sha.digest())).isEqualTo(KEY);
        // What the operator's code calls, with a random nonce, opens as the worker opens it.
        byte[] random = FieldSealing.sealForOperator(SECRET, OPERATOR, REQUEST, FIELD, TEXT);
        assertThat(box.open(random, aad)).isEqualTo(TEXT);
        assertThat(random).hasSize(SEALED_HEX.length() / 2);
    }

    @Test
    void theDocumentShowsTheseBytes() throws IOException {
        String doc = Files.readString(Path.of("docs", "consumers.md"), StandardCharsets.UTF_8);
        assertThat(doc).contains(SECRET, OPERATOR, REQUEST, TEXT, NONCE, KEY, SEALED_HEX, SEALED_BASE64,
                "op4k2example:req-0001/Password");
    }

    @Test
    void thePythonImplementationAgrees() {
        String[] example = {"--secret", SECRET, "--operator", OPERATOR, "--request", REQUEST, "--field", FIELD};
        String hex = PythonScripts.run(Duration.ofSeconds(30), "scripts/seal-field", with(example, "--text", TEXT, "--nonce", NONCE,
                "--hex")).ok().strip();
        assertThat(hex).isEqualTo(SEALED_HEX);
        String base64 = PythonScripts.run(Duration.ofSeconds(30), "scripts/seal-field", with(example, "--text", TEXT, "--nonce",
                NONCE)).ok().strip();
        assertThat(base64).isEqualTo(SEALED_BASE64);
        // Python opens what Java seals, and Java opens what Python seals (each with a random nonce).
        String javaSealed = Base64.getEncoder().encodeToString(FieldSealing.sealForOperator(SECRET, OPERATOR, REQUEST, FIELD, "Pässwort9"));
        assertThat(PythonScripts.run(Duration.ofSeconds(30), "scripts/seal-field", with(example, "--open", javaSealed)).ok().strip())
                .isEqualTo("Pässwort9");
        byte[] pythonSealed = Base64.getDecoder().decode(PythonScripts.run(Duration.ofSeconds(30), "scripts/seal-field",
                with(example, "--text", "xyz98765")).ok().strip());
        assertThat(SecretBox.forOperatorSecret(SECRET.getBytes(StandardCharsets.UTF_8))
                .open(pythonSealed, FieldSealing.associatedData(OPERATOR, REQUEST, FIELD))).isEqualTo("xyz98765");
    }

    private static String[] with(String[] first, String... more) {
        String[] out = new String[first.length + more.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }
}
