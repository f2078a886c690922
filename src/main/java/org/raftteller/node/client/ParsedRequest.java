package org.raftteller.node.client;

/**
 * What {@link ClientRequestParser} makes of one line: a valid {@link ClientRequest} to run, or a
 * {@link BadRequest} to answer at once. Java 17 has no pattern matching for switch, so callers
 * test with {@code instanceof}; the sealed interface guarantees those two are all there is.
 */
public sealed interface ParsedRequest permits ClientRequest, BadRequest {
}
