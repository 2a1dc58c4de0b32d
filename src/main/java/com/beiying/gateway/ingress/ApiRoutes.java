package com.beiying.gateway.ingress;

import java.util.List;

/**
 * A table of documented routes; each API contributes one as a bean ({@link V1Routes}, the admin
 * API's own), and {@link ApiDocs} builds the OpenAPI document from all of them.
 */
public interface ApiRoutes {
    /** The routes, in the order the document lists them. */
    List<ApiRoute> routes();
}
