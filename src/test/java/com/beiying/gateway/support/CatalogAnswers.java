package com.beiying.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.support.GatewayClient.Response;
import tools.jackson.databind.JsonNode;

/** Checks an error answer in either dialect against the catalog entry it must carry. */
public final class CatalogAnswers {
    private CatalogAnswers() {
    }

    /**
     * The answer is in the dialect's own shape: Beiying {@code Code}, {@code ErrorId} and
     * {@code ErrorCode}; or RGS {@code error_id} and {@code error_code}, nested as
     * {@code error_detail} for field validation (2001–2011).
     */
    public static void assertAnswer(Response r, ErrorFormat dialect, String code, int id, String rgsCode) {
        JsonNode json = r.json();
        if (dialect == ErrorFormat.BEIYING) {
            assertThat(json.path("Code").asString()).as(r.body()).isEqualTo(code);
            assertThat(json.path("ErrorId").asInt()).as(r.body()).isEqualTo(id);
            assertThat(json.path("ErrorCode").asString()).as(r.body()).isEqualTo(rgsCode);
            assertThat(json.path("Message").asString()).isNotBlank();
            return;
        }
        boolean field = id <= 2011;
        assertThat(json.path("error").asInt()).as(r.body()).isEqualTo(1);
        assertThat(json.has("Code")).as(r.body()).isFalse();
        JsonNode error = field ? json.path("error_detail") : json;
        assertThat(error.path(field ? "id" : "error_id").isInt()).as(r.body()).isTrue();
        assertThat(error.path(field ? "id" : "error_id").asInt()).as(r.body()).isEqualTo(id);
        assertThat(error.path(field ? "code" : "error_code").asString()).as(r.body()).isEqualTo(rgsCode);
        assertThat(error.path(field ? "message" : "error_message").asString()).isNotBlank();
    }
}
