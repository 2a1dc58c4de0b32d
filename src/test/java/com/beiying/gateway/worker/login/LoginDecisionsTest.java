package com.beiying.gateway.worker.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launch URL points at the operator's launch domain, never at the provider. */
class LoginDecisionsTest {

    @Test
    void launchUrlIsOnTheOperatorsDomain() {
        assertThat(LoginHandler.launchUrl("play.example.com", "0123abcd"))
                .isEqualTo("https://play.example.com/play/0123abcd");
    }
}
