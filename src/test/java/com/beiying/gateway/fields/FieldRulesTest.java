package com.beiying.gateway.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.RecordsBy;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    // ---- Bet-record windows -------------------------------------------------------------------------

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static FieldRules.Window window(String start, String end) {
        return FieldRules.betWindow(fields(Map.of("StartTime", FieldInput.string(start), "EndTime", FieldInput.string(end))),
                SHANGHAI, NOW);
    }

    @Test
    void timesWithoutAnOffsetAreReadInTheOperatorsZone() {
        FieldRules.Window w = window("2026-12-02 08:00:00", "2026-12-02T18:00:00");
        assertThat(w.start()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(window("2026-12-01", "2026-12-02").start()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(window("2026-12-02T01:00:00Z", "2026-12-02T11:00:00+02:00").end())
                .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void windowsOutOfOrderOrRangeAreDateErrors() {
        refused(() -> window("2026-12-02T09:00:00Z", "2026-12-02T08:59:59Z"), Errors.DATE_RANGE_REVERSED);
        refused(() -> window("2026-11-20T00:00:00Z", "2026-11-27T00:00:01Z"), Errors.TIME_INTERVAL);
        refused(() -> window("2026-12-02T10:00:01Z", "2026-12-03T00:00:00Z"), Errors.TIME_INTERVAL);
        refused(() -> window("2026-10-03T09:59:59Z", "2026-10-04T00:00:00Z"), Errors.TIME_INTERVAL);
        assertThat(window("2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z").end()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(window("2026-10-03T10:00:00Z", "2026-10-04T00:00:00Z").start()).isEqualTo("2026-10-03T10:00:00Z");
    }

    @Test
    void badTimesAreFieldErrorsOnTheirField() {
        assertThatThrownBy(() -> window("yesterday!", "2026-12-02T08:00:00Z")).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error()).isEqualTo(Errors.FIELD_INVALID);
            assertThat(e.field()).isEqualTo(RequestField.START_TIME);
        });
        refused(() -> FieldRules.betWindow(fields(Map.of("StartTime", FieldInput.string("2026-12-02"))), SHANGHAI, NOW),
                Errors.FIELD_REQUIRED);
        refused(() -> window("2026-12-02T25:00:00", "2026-12-02"), Errors.FIELD_INVALID);
    }

    @Test
    void recordQueryOptionsHaveDefaultsAndBounds() {
        assertThat(FieldRules.recordsBy(fields(Map.of()))).isEqualTo(RecordsBy.UPDATED_AT);
        assertThat(FieldRules.recordsBy(fields(Map.of("By", FieldInput.string("settledat")))))
                .isEqualTo(RecordsBy.SETTLED_AT);
        refused(() -> FieldRules.recordsBy(fields(Map.of("By", FieldInput.string("CreatedAt")))), Errors.FIELD_INVALID);
        assertThat(FieldRules.page(fields(Map.of()))).isEqualTo(1);
        assertThat(FieldRules.pageSize(fields(Map.of()))).isEqualTo(100);
        refused(() -> FieldRules.page(fields(Map.of("Page", FieldInput.number("0")))), Errors.FIELD_BELOW_MINIMUM);
        refused(() -> FieldRules.pageSize(fields(Map.of("PageSize", FieldInput.number("501")))), Errors.FIELD_ABOVE_MAXIMUM);
        refused(() -> FieldRules.pageSize(fields(Map.of("PageSize", FieldInput.string("50")))), Errors.FIELD_NOT_INTEGER);
        assertThat(FieldRules.optionalGame(fields(Map.of()))).isEmpty();
        refused(() -> FieldRules.optionalGame(fields(Map.of("Game", FieldInput.string("ky")))), Errors.UNKNOWN_GAME);
        assertThat(FieldRules.timeZone(fields(Map.of("TimeZone", FieldInput.string("+05:30"))))).contains(ZoneOffset.ofHoursMinutes(5, 30));
        refused(() -> FieldRules.timeZone(fields(Map.of("TimeZone", FieldInput.string("Mars/Olympus")))), Errors.FIELD_INVALID);
    }
}
