package com.beiying.gateway.ingress;

import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ResponseEntity;

/**
 * Replaces Tomcat's HTML error page for what the container refuses before Spring sees it
 * (malformed paths, oversized headers): those answers are catalogued JSON too (docs/api.md).
 * Instantiated by Tomcat by class name, hence public with a no-argument constructor.
 */
public class CataloguedErrorValve extends ErrorReportValve {
    private static final ResponseWriter WRITER = new ResponseWriter();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        Errors error = IngressErrors.forStatus(status);
        String language = request.getHeader("Accept-Language");
        ResponseEntity<byte[]> answer = WRITER.error(new GatewayException(error), Language.fromHeader(language),
                ErrorFormat.BEIYING, null);
        try {
            response.setStatus(answer.getStatusCode().value());
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(answer.getBody());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
