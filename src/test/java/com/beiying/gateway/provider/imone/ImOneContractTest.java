package com.beiying.gateway.provider.imone;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import com.beiying.gateway.provider.im.ImContract;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** IMOne's contract: the IM protocol for IM eSports (电竞牛), wallet 401, PlayerIds with 'e', its game ESPORTSBULL. */
class ImOneContractTest extends ImContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.IMONE;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        return new ImOneAdapter(new ImOneAdapter.Settings(simulatorUrl() + "/IMOne", null, "not-the-merchant-code"), endpoints,
                wires, json);
    }

    @Override
    protected String offeredGameId() {
        return "ESPORTSBULL";
    }

    /** The other IM product's game: a real IM GameCode, but not one of this wallet's. */
    @Override
    protected String unknownGameId() {
        return "IMSB";
    }

    @Override
    protected String separator() {
        return "e";
    }
}
