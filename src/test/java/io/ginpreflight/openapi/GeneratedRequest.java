package io.ginpreflight.openapi;

import java.util.List;
import java.util.Optional;

/**
 * One request generated from an OpenAPI operation: a valid one with the statuses the document declares
 * for success, or an invalid variant with the 4xx it declares for bad input. Paths and bodies may carry
 * Gatling EL ({@code #{seq}}: a fresh value per journey).
 *
 * @param name e.g. "openapi: POST /api/v2/orders (missing required field customer)"
 * @param method HTTP method
 * @param path path and query under the target's base URL
 * @param body a JSON body, if any
 * @param statuses the statuses that count as handled
 */
public record GeneratedRequest(String name, String method, String path, Optional<String> body, List<Integer> statuses) {}
