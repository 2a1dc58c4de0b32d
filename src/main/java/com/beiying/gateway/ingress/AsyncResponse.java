package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * Answers a request when its future completes, without parking a servlet thread while it waits
 * and without a second pass through the filter chain and the dispatcher (which an MVC async
 * return value costs: on the login path that pass was a sixth of the ingress's CPU).
 */
final class AsyncResponse {
    private AsyncResponse() {
    }

    /**
     * Writes {@code answer} when it completes. If the container gives up first (the future
     * outlived {@code timeout}) the error answer of REPLY_TIMEOUT is written instead, and that of
     * INTERNAL_ERROR if the future failed.
     */
    static void send(HttpServletRequest request, HttpServletResponse response, CompletableFuture<ResponseEntity<byte[]>> answer,
                     Duration timeout, Function<GatewayException, ResponseEntity<byte[]>> errorAnswer) throws IOException {
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            write(response, answer.join());
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        AtomicBoolean done = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                done.set(true);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                finish(async, done, errorAnswer.apply(new GatewayException(Errors.REPLY_TIMEOUT)));
            }

            @Override
            public void onError(AsyncEvent event) {
                // The client went away; nothing can be written any more.
                done.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        // Completed on the reply consumer's thread: hand the write to a container thread, so that a
        // client slow to read can never hold up the replies of everyone else.
        answer.whenComplete((entity, e) -> async.start(() -> finish(async, done,
                e == null ? entity : errorAnswer.apply(new GatewayException(Errors.INTERNAL_ERROR)))));
    }

    private static void finish(AsyncContext async, AtomicBoolean done, ResponseEntity<byte[]> entity) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            write((HttpServletResponse) async.getResponse(), entity);
        } catch (IOException | RuntimeException e) {
            // the client closed the connection; its request's outcome stays readable via GET /v1/requests
        } finally {
            async.complete();
        }
    }

    /** Writes status, headers and body of a rendered answer. */
    static void write(HttpServletResponse response, ResponseEntity<byte[]> entity) throws IOException {
        response.setStatus(entity.getStatusCode().value());
        for (Map.Entry<String, List<String>> header : entity.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        byte[] body = entity.getBody() == null ? new byte[0] : entity.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
