package org.raftteller.node.client;

import java.util.Optional;

/** The error codes of the client protocol; the table in DESIGN.md says what each one means. */
public enum ErrorCode {
    /** Malformed JSON, unknown op, a missing or out-of-range field, a line over 64 KiB. */
    BAD_REQUEST("bad_request"),
    /** The debit was decided in the log and refused: it exceeds the balance. */
    INSUFFICIENT_FUNDS("insufficient_funds"),
    /** The credit would take the balance over its limit. */
    LIMIT_EXCEEDED("limit_exceeded"),
    /** The seq is lower than this client's latest. */
    STALE_REQUEST("stale_request"),
    /** No leader could be reached in time; the request was never proposed. */
    NO_LEADER("no_leader"),
    /** Proposed, but the outcome is unknown; a retry with the same client and seq learns it. */
    TIMEOUT("timeout"),
    /** The node is shutting down or still recovering. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as a response's {@code "error"} field spells it: "bad_request", ... */
    public String wireName() {
        return wireName;
    }

    public static Optional<ErrorCode> fromWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
