package com.beiying.gateway.simulator.imone;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.simulator.SimulatorBank;
import com.beiying.gateway.simulator.im.ImSide;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** IMOne (电竞牛) as IM serves it: the IM protocol for the eSports wallet 401, whose one game is {@code ESPORTSBULL}. */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class ImOneSide extends ImSide {
    ImOneSide(SimulatorBank bank, SimulatorCredentials credentials, JsonMapper json, Clock clock) {
        super(new Product("IMOne", 401, Set.of("ESPORTSBULL"), "ESPORTSBULL"), bank, credentials, json, clock);
    }
}
