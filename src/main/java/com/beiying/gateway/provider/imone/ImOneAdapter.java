package com.beiying.gateway.provider.imone;

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
 * IMOne (电竞牛, IM eSports) in the IM protocol ({@code docs/providers.md}, "IMSport and IMOne"):
 * ProductWallet 401, GameCode {@code ESPORTSBULL}, PlayerIds with the separator {@code e}.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(ImOneAdapter.Settings.class)
class ImOneAdapter extends ImAdapter {

    /**
     * Connection to IM for eSports: {@code GATEWAY_PROVIDERS_IMONE_BASEURL} (the API host),
     * {@code ..._REPORTURL} (IM's report domain for bet records, the base URL when unset) and
     * {@code ..._MERCHANTCODE} (IM's merchant secret).
     */
    @ConfigurationProperties("gateway.providers.imone")
    record Settings(String baseUrl, String reportUrl, String merchantCode) {
    }

    ImOneAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json) {
        super(new Product(Game.IMONE, 401, "e", "ESPORTSBULL"), settings.baseUrl(), settings.reportUrl(), settings.merchantCode(),
                "GATEWAY_PROVIDERS_IMONE_MERCHANTCODE", endpoints, wires, json);
    }
}
