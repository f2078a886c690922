package org.raftteller.node;

/** A node could not start: a port was taken, or its data directory could not be used. */
public final class NodeStartException extends RuntimeException {

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
