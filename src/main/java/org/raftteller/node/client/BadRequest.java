package org.raftteller.node.client;

import java.util.Objects;

import com.google.gson.JsonElement;

/**
 * A line that is not a valid request, with the sentence that says why.
 *
 * @param id      the request's id to echo, or null when the line had none or it could not be
 *                read: the line broke before it, or the id itself was invalid or repeated
 * @param message one human sentence saying exactly what was wrong
 */
public record BadRequest(JsonElement id, String message) implements ParsedRequest {

    public BadRequest {
        id = RequestRules.requireValidId(id);
        Objects.requireNonNull(message, "message");
    }

    /** The refusal as an operation result, to format or to add the known leader to. */
    public OperationResult toResult() {
        return OperationResult.failure(ErrorCode.BAD_REQUEST, message);
    }
}
