package org.raftteller.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.raftteller.raft.Entry;

/** Entries with a 4-byte command, so every record is exactly {@link #RECORD_BYTES} long. */
final class TestEntries {

    static final int RECORD_BYTES = 8 + 16 + 4;

    private TestEntries() {
    }

    static Entry entry(long index, long term) {
        String command = String.format("c%03d", index % 1000);
        return new Entry(index, term, command.getBytes(StandardCharsets.US_ASCII));
    }

    /** Entries {@code from} to {@code to}, both included, all in {@code term}. */
    static List<Entry> entries(long from, long to, long term) {
        List<Entry> result = new ArrayList<>();
        for (long index = from; index <= to; index++) {
            result.add(entry(index, term));
        }
        return result;
    }

    /** Offset of the record of {@code index} in a segment starting at {@code baseIndex}. */
    static long offsetOf(long index, long baseIndex) {
        return (index - baseIndex) * RECORD_BYTES;
    }
}
