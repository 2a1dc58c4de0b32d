package com.beiying.gateway.provider.imsport;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import com.beiying.gateway.provider.im.ImContract;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** IMSport's contract: the IM protocol for the IM Sportsbook, wallet 301, PlayerIds with 's', its game IMSB. */
class ImSportContractTest extends ImContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.IMSPORT;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        return new ImSportAdapter(new ImSportAdapter.Settings(simulatorUrl() + "/IMSport", null, "not-the-merchant-code"), endpoints,
                wires, json);
    }

    @Override
    protected String offeredGameId() {
        return "IMSB";
    }

    /** The other IM product's game: a real IM GameCode, but not one of this wallet's. */
    @Override
    protected String unknownGameId() {
        return "ESPORTSBULL";
    }

    @Override
    protected String separator() {
        return "s";
    }
}
