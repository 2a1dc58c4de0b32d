package com.beiying.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog held against the two seed documents, transcribed in {@code src/test/resources/seeds}:
 * changing any seed id, code or message in the catalog, or in the transcription, fails here.
 */
class ErrorsTest {
    private static final Pattern DOUBLED_WORD = Pattern.compile("(?i)\\b(\\p{L}+)\\s+\\1\\b");

    /** One row of a seed table: id (or "-"), code, message. */
    private record SeedRow(String id, String code, String message) {
    }

    private static List<SeedRow> rows(String resource) throws IOException {
        try (InputStream in = ErrorsTest.class.getResourceAsStream("/seeds/" + resource)) {
            List<SeedRow> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                out.add(cells.length == 2 ? new SeedRow(null, cells[0], cells[1]) : new SeedRow(cells[0], cells[1], cells[2]));
            }
            return out;
        }
    }

    @Test
    void beiyingCodesAreExactlyTheSeedsThirtyAndSuccess() throws IOException {
        List<SeedRow> seed = rows("beiying-codes.tsv");
        assertThat(seed).hasSize(30);
        Set<String> seedCodes = seed.stream().map(SeedRow::code).collect(Collectors.toSet());
        assertThat(Errors.SEED_CODES).containsExactlyInAnyOrderElementsOf(Stream.concat(seedCodes.stream(), Stream.of("Success")).toList());
        Set<String> produced = Arrays.stream(Errors.values()).filter(e -> !e.isFieldValidation()).map(e -> e.code(null))
                .collect(Collectors.toSet());
        Arrays.stream(RequestField.values()).map(RequestField::beiyingCode).forEach(produced::add);
        assertThat(produced).containsExactlyInAnyOrderElementsOf(Errors.SEED_CODES);
    }

    @Test
    void everySeedCodeIsProducedOrReservedWithAReason() {
        for (String code : Errors.SEED_CODES) {
            List<Errors> entries = Arrays.stream(Errors.values()).filter(e -> !e.isFieldValidation() && e.code(null).equals(code)).toList();
            boolean byField = Arrays.stream(RequestField.values()).anyMatch(f -> f.beiyingCode().equals(code));
            assertThat(!entries.isEmpty() || byField).as(code).isTrue();
            if (!byField && entries.stream().allMatch(e -> e.reservedReason().isPresent())) {
                entries.forEach(e -> assertThat(e.reservedReason().orElseThrow()).as(e.name()).isNotBlank());
            }
        }
    }

    @Test
    void idsFrom2012To2038CarryTheSeedsCodesAndBeginWithItsMessages() throws IOException {
        Map<String, SeedRow> chinese = new LinkedHashMap<>();
        for (SeedRow row : rows("rgs-errors.tsv")) {
            // The seed's 2018 row lost its id and its 2035 row its code; the contract fills both gaps.
            chinese.put(row.id().equals("-") ? "2018" : row.id(), row);
        }
        assertThat(chinese).hasSize(38);
        for (SeedRow english : rows("rgs-english.tsv")) {
            int id = Integer.parseInt(english.id());
            SeedRow zh = chinese.get(english.id());
            if (!zh.code().equals("-")) {
                assertThat(english.code()).as("code of %d in the two transcriptions", id).isEqualTo(zh.code());
            }
            List<Errors> entries = Errors.byRgsId(id);
            assertThat(entries).as("entries of %d", id).isNotEmpty();
            for (Errors e : entries) {
                assertThat(e.rgsCode(null)).as("%s code", e).contains(english.code());
                assertThat(e.template(Language.ZH_CN)).as("%s zh", e).startsWith(zh.message());
                assertThat(e.template(Language.EN)).as("%s en", e).startsWith(english.message());
            }
        }
    }

    @Test
    void fieldValidationIdsSayWhatTheSeedTemplatesSay() throws IOException {
        for (SeedRow row : rows("rgs-errors.tsv")) {
            if (row.id().equals("-") || Integer.parseInt(row.id()) > 2011) {
                continue;
            }
            List<Errors> entries = Errors.byRgsId(Integer.parseInt(row.id()));
            assertThat(entries).hasSize(1);
            Errors e = entries.get(0);
            assertThat(e.isFieldValidation()).isTrue();
            assertThat(row.code()).isEqualTo("INVALID_%field_name%");
            String template = row.message().replace("%field_name%", "{field}")
                    .replace("%error_value%", e == Errors.FIELD_TOO_SHORT || e == Errors.FIELD_BELOW_MINIMUM ? "{min}" : "{max}");
            assertThat(e.template(Language.EN)).as(e.name()).isEqualTo(template);
        }
    }

    @Test
    void everyErrorHasAnIntegerIdAndOwnIdsAreInTheGatewaysRange() {
        for (Errors e : Errors.values()) {
            if (e == Errors.SUCCESS) {
                continue;
            }
            int id = e.rgsId().orElseThrow(() -> new AssertionError(e + " has no id"));
            assertThat(id >= 2001 && id <= 2038 || id >= Errors.OWN_IDS_FROM && id <= Errors.OWN_IDS_TO).as(e.name()).isTrue();
            assertThat(e.rgsCode(RequestField.USER_NAME).orElseThrow()).matches("[A-Z][A-Z0-9_]*");
        }
    }

    @Test
    void reservedEntriesSayWhy() {
        List<Errors> reserved = Arrays.stream(Errors.values()).filter(e -> e.reservedReason().isPresent()).toList();
        assertThat(reserved).containsExactlyInAnyOrder(Errors.FIELD_INVALID_EMAIL, Errors.MISSING_CREDENTIALS, Errors.FOREIGN_USER,
                Errors.INVALID_GAME_TYPE, Errors.AMOUNT_ABOVE_BALANCE, Errors.DUPLICATE_SESSION, Errors.CURRENCY_MISMATCH);
        reserved.forEach(e -> assertThat(e.reservedReason().orElseThrow()).isNotBlank());
    }

    @Test
    void verifyRefusesABrokenCatalog() {
        List<Errors> duplicated = new ArrayList<>(List.of(Errors.values()));
        duplicated.add(Errors.USER_EXISTS);
        assertThatThrownBy(() -> Errors.verify(duplicated)).hasMessageContaining("RGS id 3001");
        List<Errors> missing = new ArrayList<>(List.of(Errors.values()));
        missing.removeIf(e -> e.rgsId().orElse(0) == 2035);
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
        assertThat(RequestField.X_NONCE.rgsCode()).isEqualTo("INVALID_X_NONCE");
        assertThat(RequestField.X_REQUEST_ID.englishWords()).isEqualTo("X request id");
        assertThat(RequestField.words("OrderID")).containsExactly("Order", "ID");
    }

    @Test
    void allowedValuesAreNamedInBothLanguages() {
        Map<String, ?> args = Map.of("expected", "IN / OUT");
        assertThat(Errors.FIELD_INVALID.message(Language.EN, RequestField.ACTION, args)).isEqualTo("String is invalid. Expected IN / OUT.");
        assertThat(Errors.FIELD_INVALID.message(Language.ZH_CN, RequestField.ACTION, args)).isEqualTo("转账方向格式无效。应为IN / OUT。");
    }

    /** No generated message repeats a word ("Game game", "id id"), whatever the field. */
    @Test
    void noDoubledWordsInGeneratedMessages() {
        Map<String, Object> args = Map.of("min", 4, "max", 16, "expected", "A / B");
        for (Errors e : Errors.values()) {
            for (Language language : Language.values()) {
                boolean namesAField = e.template(language).contains("{field}");
                List<RequestField> fields = namesAField ? List.of(RequestField.values()) : Arrays.asList((RequestField) null);
                for (RequestField field : fields) {
                    String message = e.message(language, field, args);
                    assertThat(DOUBLED_WORD.matcher(message).find()).as("%s %s %s: %s", e, language, field, message).isFalse();
                    assertThat(message).doesNotContain("{").doesNotContain("  ");
                }
            }
        }
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
