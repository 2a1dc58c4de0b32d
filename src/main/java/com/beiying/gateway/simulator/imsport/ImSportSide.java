package com.beiying.gateway.simulator.imsport;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.simulator.SimulatorBank;
import com.beiying.gateway.simulator.im.ImSide;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** IMSport (IM体育) as IM serves it: the IM protocol for the Sportsbook wallet 301, whose one game is {@code IMSB}. */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class ImSportSide extends ImSide {
    ImSportSide(SimulatorBank bank, SimulatorCredentials credentials, JsonMapper json, Clock clock) {
        super(new Product("IMSport", 301, Set.of("IMSB"), "IMSB"), bank, credentials, json, clock);
    }
}
