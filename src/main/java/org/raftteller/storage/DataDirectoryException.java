package org.raftteller.storage;

import java.io.IOException;

/**
 * A data directory this node must not use: another process holds it, or it belongs to a
 * different node or cluster. Refusing is the point; the message says which and why.
 */
public final class DataDirectoryException extends IOException {

    public DataDirectoryException(String message) {
        super(message);
    }
}
