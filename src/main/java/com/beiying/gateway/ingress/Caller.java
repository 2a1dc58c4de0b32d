package com.beiying.gateway.ingress;

import com.beiying.gateway.domain.Operator;

/** An authenticated request's operator, request id (the client's or a generated one) and nonce. */
record Caller(Operator operator, String requestId, String nonce, String clientIp) {
}
