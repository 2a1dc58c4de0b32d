package com.beiying.gateway.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldRulesTest {
    private static final SecretBox SEALER = new SecretBox(SecretBox.newMasterKey(), FieldSealing.PURPOSE);
    private static final byte[] OPERATOR_SECRET = "operator-secret".getBytes(StandardCharsets.UTF_8);
    private static final FieldOpener OPENER = new FieldOpener(SEALER, operatorId -> List.of(OPERATOR_SECRET));

    private static Fields fields(Map<String, FieldInput> fields) {
        return OPENER.fields("demo", "r00000001", fields);
    }

    private static void refused(Runnable rule, Errors error) {
        assertThatThrownBy(rule::run).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void userNameIsLowerCasedThenChecked() {
        assertThat(FieldRules.userName(fields(Map.of("UserName", FieldInput.string("Alice01"))))).isEqualTo("alice01");
        refused(() -> FieldRules.userName(fields(Map.of())), Errors.FIELD_REQUIRED);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", new FieldInput(FieldInput.Kind.NULL, null, null)))), Errors.FIELD_NULL);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("")))), Errors.FIELD_BLANK);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.number("1234")))), Errors.FIELD_INVALID);
        // Breaking the name rule is 2024 however it is broken: too short, too long, other characters.
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("abc")))), Errors.INVALID_USERNAME);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("a".repeat(17))))), Errors.INVALID_USERNAME);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("a".repeat(1025))))), Errors.FIELD_TOO_LARGE);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("abc_d")))), Errors.INVALID_USERNAME);
        refused(() -> FieldRules.userName(fields(Map.of("UserName", FieldInput.string("9abcd")))), Errors.INVALID_USERNAME);
        assertThat(FieldRules.userName(fields(Map.of("UserName", FieldInput.string("a".repeat(16)))))).hasSize(16);
    }

    @Test
    void passwordRulesOnSealedValues() {
        String aad = FieldSealing.associatedData("demo", "r00000001", "Password");
        assertThat(FieldRules.password(fields(Map.of("Password", FieldInput.sealedString(SEALER.seal("abc123", aad)))),
                RequestField.PASSWORD)).isEqualTo("abc123");
        for (String bad : new String[] {"abc12", "abcdefgh", "12345678", "abc 1234", "abc123\u00e9", "a1" + "x".repeat(31)}) {
            assertThatThrownBy(() -> FieldRules.password(fields(Map.of("Password", FieldInput.sealedString(SEALER.seal(bad, aad)))),
                    RequestField.PASSWORD)).as(bad).isInstanceOf(GatewayException.class);
        }
        // A Kafka-native operator seals with its own secret.
        byte[] byOperator = FieldSealing.sealForOperator("operator-secret", "demo", "r00000001",
                "Password", "xyz789");
        assertThat(FieldRules.password(fields(Map.of("Password", FieldInput.sealedString(byOperator))), RequestField.PASSWORD))
                .isEqualTo("xyz789");
        byte[] wrongSecret = FieldSealing.sealForOperator("guessed", "demo", "r00000001", "Password", "xyz789");
        refused(() -> FieldRules.password(fields(Map.of("Password", FieldInput.sealedString(wrongSecret))), RequestField.PASSWORD),
                Errors.FIELD_INVALID);
        // A sealed value from another request does not open here.
        byte[] foreign = SEALER.seal("abc123", FieldSealing.associatedData("demo", "other", "Password"));
        refused(() -> FieldRules.password(fields(Map.of("Password", FieldInput.sealedString(foreign))), RequestField.PASSWORD),
                Errors.FIELD_INVALID);
    }

    @Test
    void gameAndLaunchOptions() {
        assertThat(FieldRules.game(fields(Map.of("Game", FieldInput.string("XJ188"))))).isEqualTo(Game.XJ188);
        refused(() -> FieldRules.game(fields(Map.of("Game", FieldInput.string("xj188")))), Errors.UNKNOWN_GAME);
        assertThat(FieldRules.platform(fields(Map.of()))).isEqualTo("PC");
        assertThat(FieldRules.platform(fields(Map.of("Platform", FieldInput.string("app"))))).isEqualTo("APP");
        refused(() -> FieldRules.platform(fields(Map.of("Platform", FieldInput.string("TV")))), Errors.INVALID_PLATFORM);
        assertThat(FieldRules.language(fields(Map.of("Language", FieldInput.string("EN"))))).isEqualTo("en");
        refused(() -> FieldRules.language(fields(Map.of("Language", FieldInput.string("de")))), Errors.INVALID_LANGUAGE);
        assertThat(FieldRules.gameId(fields(Map.of()))).isNull();
        refused(() -> FieldRules.gameId(fields(Map.of("GameId", FieldInput.string("a/b")))), Errors.GAME_NOT_FOUND);
    }
}
