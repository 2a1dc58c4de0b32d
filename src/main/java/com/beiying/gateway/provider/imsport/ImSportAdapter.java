package com.beiying.gateway.provider.imsport;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import com.beiying.gateway.provider.im.ImAdapter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * IMSport (IM体育) in the IM protocol ({@code docs/providers.md}, "IMSport and IMOne"): the IM
 * Sportsbook, ProductWallet 301, GameCode {@code IMSB}, PlayerIds with the separator {@code s}.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(ImSportAdapter.Settings.class)
class ImSportAdapter extends ImAdapter {

    /**
     * Connection to IM for the sportsbook: {@code GATEWAY_PROVIDERS_IMSPORT_BASEURL} (the API
     * host), {@code ..._REPORTURL} (IM's report domain for bet records, the base URL when unset)
     * and {@code ..._MERCHANTCODE} (IM's merchant secret).
     */
    @ConfigurationProperties("gateway.providers.imsport")
    record Settings(String baseUrl, String reportUrl, String merchantCode) {
    }

    ImSportAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json) {
        super(new Product(Game.IMSPORT, 301, "s", "IMSB"), settings.baseUrl(), settings.reportUrl(), settings.merchantCode(),
                "GATEWAY_PROVIDERS_IMSPORT_MERCHANTCODE", endpoints, wires, json);
    }
}
