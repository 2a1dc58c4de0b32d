package com.beiying.gateway.ingress;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * No request, however malformed, gets a stack trace, an HTML page or an uncatalogued code
 * (docs/api.md): Spring MVC's own refusals and anything the servlet container rejects are rendered
 * from the catalog too.
 */
@RestControllerAdvice
@RestController
@ConditionalOnRole(Role.INGRESS)
class IngressErrors implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(IngressErrors.class);
    private final ResponseWriter writer;

    IngressErrors(ResponseWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<byte[]> notFound(HttpServletRequest request) {
        return answer(Errors.NOT_FOUND, request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpServletRequest request) {
        return answer(Errors.METHOD_NOT_ALLOWED, request);
    }

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
            HttpMessageNotReadableException.class})
    ResponseEntity<byte[]> content(HttpServletRequest request) {
        return answer(Errors.INVALID_CONTENT, request);
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<byte[]> catalogued(GatewayException e, HttpServletRequest request) {
        return writer.error(e, language(request), ErrorFormat.BEIYING, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(Errors.INTERNAL_ERROR, request);
    }

    /** Whatever reaches the container's error page: malformed URLs, oversized headers, and the like. */
    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return answer(forStatus(status instanceof Integer i ? i : 500), request);
    }

    /** The catalog entry for an HTTP status the container or Spring MVC decided on before any route ran. */
    static Errors forStatus(int status) {
        return switch (status) {
            case 404 -> Errors.NOT_FOUND;
            case 405 -> Errors.METHOD_NOT_ALLOWED;
            case 400, 411, 413, 414, 415, 417, 431 -> Errors.INVALID_CONTENT;
            default -> Errors.INTERNAL_ERROR;
        };
    }

    private ResponseEntity<byte[]> answer(Errors error, HttpServletRequest request) {
        return writer.error(new GatewayException(error), language(request), ErrorFormat.BEIYING, null);
    }

    private static Language language(HttpServletRequest request) {
        return Language.fromHeader(request.getHeader("Accept-Language"));
    }
}
