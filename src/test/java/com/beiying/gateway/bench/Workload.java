package com.beiying.gateway.bench;

import java.nio.charset.StandardCharsets;

/**
 * What each virtual client sends. Client {@code c} of a run calls {@link #next} and
 * {@link #answered} only from its own thread, so per-client state needs no locking.
 */
interface Workload {
    /** One request: method, path and body. */
    record Request(String method, String path, byte[] body) {
        static Request post(String path, String json) {
            return new Request("POST", path, json.getBytes(StandardCharsets.UTF_8));
        }

        static Request get(String path) {
            return new Request("GET", path, new byte[0]);
        }
    }

    /** The next request of client {@code client}. */
    Request next(int client);

    /** Whether the answer is the success this workload expects; may update the client's state. */
    boolean answered(int client, Request request, HttpConnection.Response response);
}
