package org.raftteller.raft;

import java.util.Arrays;

/**
 * One log entry: its position, the term of the leader that created it, and an opaque command.
 * An empty command is the no-op a leader appends at the start of its term (section 8 of the
 * paper): it lets the leader commit entries of earlier terms by committing one of its own.
 *
 * <p>The command array is never modified after construction; callers must not modify it either.
 */
public record Entry(long index, long term, byte[] command) {

    private static final byte[] EMPTY = new byte[0];

    public Entry {
        if (index < 1) {
            throw new IllegalArgumentException("entry index must be at least 1, was " + index);
        }
        if (term < 1) {
            throw new IllegalArgumentException("entry term must be at least 1, was " + term);
        }
        if (command == null) {
            throw new IllegalArgumentException("entry command must not be null");
        }
    }

    /** The no-op entry a new leader appends at {@code index} in {@code term}. */
    public static Entry noop(long index, long term) {
        return new Entry(index, term, EMPTY);
    }

    public boolean isNoop() {
        return command.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry e
                && e.index == index
                && e.term == term
                && Arrays.equals(e.command, command);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(index) + Long.hashCode(term)) + Arrays.hashCode(command);
    }

    @Override
    public String toString() {
        return "Entry[" + index + "@" + term + (isNoop() ? " no-op" : ", " + command.length + " bytes") + "]";
    }
}
