package com.beiying.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void catalogHoldsAllThirtySeedCodesAndEveryRgsIdFrom2001To2038() {
        Set<String> codes = Arrays.stream(Errors.values()).filter(e -> !e.isFieldValidation())
                .map(e -> e.code(null)).collect(Collectors.toSet());
        Arrays.stream(RequestField.values()).map(RequestField::beiyingCode).forEach(codes::add);
        assertThat(codes).containsExactlyInAnyOrderElementsOf(Errors.SEED_CODES);
        assertThat(Errors.SEED_CODES).hasSize(30);
        IntStream.rangeClosed(2001, 2038).forEach(id -> assertThat(Errors.byRgsId(id)).as("RGS id %d", id).isPresent());
    }

    @Test
    void reservedEntriesSayWhy() {
        List<Errors> reserved = Arrays.stream(Errors.values()).filter(e -> e.reservedReason().isPresent()).toList();
        assertThat(reserved).containsExactlyInAnyOrder(Errors.FIELD_INVALID_EMAIL, Errors.INVALID_TOKEN,
                Errors.TOKEN_EXPIRED, Errors.INVALID_CURRENCY);
        reserved.forEach(e -> assertThat(e.reservedReason().orElseThrow()).isNotBlank());
    }

    @Test
    void verifyRefusesADuplicateRgsIdAndAMissingOne() {
        List<Errors> duplicated = new ArrayList<>(List.of(Errors.values()));
        duplicated.add(Errors.UNKNOWN_API_KEY);
        assertThatThrownBy(() -> Errors.verify(duplicated)).hasMessageContaining("RGS id 2015");
        List<Errors> missing = new ArrayList<>(List.of(Errors.values()));
        missing.remove(Errors.ORDER_NOT_FOUND);
        assertThatThrownBy(() -> Errors.verify(missing)).hasMessageContaining("2035");
        List<Errors> withoutSeedCode = new ArrayList<>(List.of(Errors.values()));
        withoutSeedCode.remove(Errors.NO_LAUNCH_DOMAIN);
        assertThatThrownBy(() -> Errors.verify(withoutSeedCode)).hasMessageContaining("DOMAIN");
    }

    @Test
    void fieldValidationTakesCodeAndWordsFromTheField() {
        assertThat(Errors.FIELD_REQUIRED.code(RequestField.ORDER_ID)).isEqualTo("BANORDER");
        assertThat(Errors.FIELD_REQUIRED.rgsCode(RequestField.ORDER_ID)).contains("INVALID_ORDER_ID");
        assertThat(Errors.FIELD_REQUIRED.message(Language.EN, RequestField.ORDER_ID, Map.of())).isEqualTo("Order id is required.");
        assertThat(Errors.FIELD_BLANK.message(Language.EN, RequestField.USER_NAME, Map.of())).isEqualTo("User name should not be blank.");
        assertThat(Errors.FIELD_TOO_SHORT.message(Language.EN, RequestField.PASSWORD, Map.of("min", 6)))
                .isEqualTo("Password should be at least 6 characters long.");
        assertThat(Errors.FIELD_REQUIRED.message(Language.ZH_CN, RequestField.USER_NAME, Map.of())).isEqualTo("用户名为必填项。");
        assertThat(RequestField.GAME_ID.rgsCode()).isEqualTo("INVALID_GAME_ID");
        assertThat(RequestField.NEW_PASSWORD.englishWords()).isEqualTo("New password");
        assertThat(RequestField.words("OrderID")).containsExactly("Order", "ID");
    }

    @Test
    void languageDefaultsToChinese() {
        assertThat(Language.fromHeader(null)).isEqualTo(Language.ZH_CN);
        assertThat(Language.fromHeader("en-US,en;q=0.9")).isEqualTo(Language.EN);
        assertThat(Language.fromHeader("fr")).isEqualTo(Language.ZH_CN);
    }

    @Test
    void committedDocsAreWhatTheCatalogGenerates() throws Exception {
        assertThat(Files.readString(Path.of("docs/errors.md"))).isEqualTo(ErrorCatalogDocs.render());
    }
}
