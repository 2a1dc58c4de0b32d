package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteDriftTest {

    @Test
    void namesExactlyTheRouteThatIsNotDocumented() {
        RouteDrift drift = RouteDrift.between(
                List.of("GET /admin/v1/operators/{operatorId}", "GET /admin/v1/reports/daily", "POST /v1/account/login"),
                List.of("GET /admin/v1/operators/{OperatorId}", "POST /v1/account/login"));

        assertThat(drift.problems()).containsExactly("undocumented route: GET /admin/v1/reports/daily"
                + " (add one entry to the route table: ingress.V1Routes or ingress.admin.AdminRoutes)");
    }

    @Test
    void namesADocumentedRouteNothingServes() {
        RouteDrift drift = RouteDrift.between(List.of("POST /v1/account/login"),
                List.of("POST /v1/account/login", "DELETE /v1/account/login"));

        assertThat(drift.problems()).containsExactly("documented route no controller serves: DELETE /v1/account/login");
    }

    @Test
    void variableNamesDoNotMatterButMethodsDo() {
        assertThat(RouteDrift.between(List.of("PUT /admin/v1/games/{game}/maintenance"),
                List.of("PUT /admin/v1/games/{Game}/maintenance")).problems()).isEmpty();
        assertThat(RouteDrift.between(List.of("PUT /admin/v1/games/{game}/maintenance"),
                List.of("POST /admin/v1/games/{Game}/maintenance")).problems()).hasSize(2);
    }
}
