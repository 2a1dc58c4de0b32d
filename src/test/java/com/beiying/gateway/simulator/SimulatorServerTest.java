package com.beiying.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The servlet finds the game in the request path the way the sides' base paths are laid out. */
class SimulatorServerTest {

    @Test
    void gameIsThePathSegmentAfterTheBase() {
        assertThat(SimulatorServer.game("/simulator/v1/KY/channelHandle")).isEqualTo("KY");
        assertThat(SimulatorServer.game("/simulator/v1/AGLive/doBusiness.do")).isEqualTo("AGLive");
        assertThat(SimulatorServer.game("/simulator/v1/IMSport/api/v1/players")).isEqualTo("IMSport");
    }

    @Test
    void aPathWithoutAnythingBelowTheGameStillNamesIt() {
        assertThat(SimulatorServer.game("/simulator/v1/BBIN")).isEqualTo("BBIN");
        assertThat(SimulatorServer.game("/simulator/v1/")).isEmpty();
    }
}
