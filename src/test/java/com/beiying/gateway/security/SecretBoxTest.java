package com.beiying.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final String key = SecretBox.newMasterKey();

    @Test
    void sealedTextOpensOnlyWithTheSameKeyPurposeAndAssociatedData() {
        SecretBox box = new SecretBox(key, "p");
        byte[] sealed = box.seal("abc12345", "demo:r1/Password");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("abc12345");
        assertThat(box.open(sealed, "demo:r1/Password")).isEqualTo("abc12345");
        assertThatThrownBy(() -> box.open(sealed, "demo:r2/Password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(key, "other").open(sealed, "demo:r1/Password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(SecretBox.newMasterKey(), "p").open(sealed, "demo:r1/Password"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(box.seal("abc12345", "x")).isNotEqualTo(box.seal("abc12345", "x"));
    }

    @Test
    void shortMasterKeysAreRefused() {
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
