package io.ginpreflight.openapi;

/**
 * An operation that produces {@code text/event-stream}, for the long-connection family's SSE list: a client
 * opens it, reads its first event and closes it (the stream may never end by itself).
 *
 * @param name e.g. "openapi: GET /v1/events"
 * @param path path and query under the target's base URL (EL)
 */
public record GeneratedStream(String name, String path) {}
