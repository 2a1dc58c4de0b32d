package com.beiying.gateway.simulator;

import java.nio.charset.StandardCharsets;

/** A simulated provider's answer: status, content type and body. */
public record SimResponse(int status, String contentType, byte[] body) {

    /** A JSON answer. */
    public static SimResponse json(int status, String json) {
        return new SimResponse(status, "application/json;charset=UTF-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** An XML answer. */
    public static SimResponse xml(int status, String xml) {
        return new SimResponse(status, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
    }
}
