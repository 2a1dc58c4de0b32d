package com.beiying.gateway.provider.ky;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderContract;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** KY's contract: AES-encrypted params, MD5 keys, KindIDs, order ids in KY's format, columnar records in Beijing time. */
class KyContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.KY;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        String url = simulatorUrl() + "/KY";
        return new KyAdapter(new KyAdapter.Settings(url, null, "notagent", "0123456789abcdef", "not-the-md5-key", null), endpoints,
                wires, json, Clock.systemUTC());
    }

    @Override
    protected String offeredGameId() {
        return "620";
    }

    @Override
    protected String unknownGameId() {
        return "table-100";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[a-z0-9_]{1,20}");
    }
}
