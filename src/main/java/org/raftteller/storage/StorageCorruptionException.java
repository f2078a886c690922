package org.raftteller.storage;

import java.nio.file.Path;

/**
 * Stored bytes that are not what this node wrote, found somewhere a crash cannot explain. The
 * node must stop: serving the data anyway could break the promise that acknowledged writes are
 * never lost or changed. Unchecked, because no caller can repair it; an operator has to look.
 */
public final class StorageCorruptionException extends RuntimeException {

    private final transient Path file;
    private final long offset;

    public StorageCorruptionException(Path file, long offset, String problem) {
        super(file + " at offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the damage was found. */
    public long offset() {
        return offset;
    }
}
