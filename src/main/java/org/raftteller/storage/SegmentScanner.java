package org.raftteller.storage;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.raftteller.raft.Entry;

/**
 * Reads the records of one segment file and checks each: checksum, index one past the previous,
 * term never lower than the previous (a Raft log's terms only grow, section 5.3).
 *
 * <p>Deciding what a bad record means is the point of this class. Appends only ever tear the
 * end of the last segment, so a bad record there, with nothing intact after it, is the remains
 * of a write a crash interrupted and may be dropped: it was never synced, so never
 * acknowledged. Anything else cannot come from a crash and is corruption.
 */
final class SegmentScanner {

    /** Receives each verified record with the offset it starts at. */
    interface RecordSink {
        void accept(Entry entry, long offset, int recordBytes);
    }

    /** A torn last record: where it starts, how many bytes from there to the end, and why. */
    record TornTail(long offset, long bytes, String reason) {
    }

    /**
     * The outcome of a pass: the bytes up to the end of the last intact record read, the index
     * and term that came last, and the torn tail after them if there was one.
     */
    record Result(long validBytes, long lastIndex, long lastTerm, TornTail tornTail) {
    }

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final boolean tornTailAllowed;
    private InputStream in;
    private long size;

    private SegmentScanner(Path file, boolean tornTailAllowed) {
        this.file = file;
        this.tornTailAllowed = tornTailAllowed;
    }

    /**
     * Reads the whole file at recovery. {@code lastSegment} allows a torn tail; in any other
     * segment every problem is corruption.
     *
     * @param previousIndex the index just before this segment's first, 0 for the first segment
     * @param previousTerm  the term of that entry, 0 if there is none
     */
    static Result recover(Path file, long previousIndex, long previousTerm, boolean lastSegment,
            RecordSink sink) throws IOException {
        return new SegmentScanner(file, lastSegment)
                .run(0, previousIndex, previousTerm, Long.MAX_VALUE, sink);
    }

    /**
     * Reads {@code count} records starting at {@code offset}, which must hold the record of
     * {@code firstIndex}. Recovery verified them once; they are verified again because the disk
     * may have changed since, and corruption must not be served.
     */
    static void read(Path file, long offset, long firstIndex, long count, RecordSink sink)
            throws IOException {
        new SegmentScanner(file, false).run(offset, firstIndex - 1, 0, count, sink);
    }

    private Result run(long start, long previousIndex, long previousTerm, long maxRecords,
            RecordSink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            channel.position(start);
            in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES);
            return readRecords(start, previousIndex, previousTerm, maxRecords, sink);
        }
    }

    private Result readRecords(long start, long previousIndex, long previousTerm,
            long maxRecords, RecordSink sink) throws IOException {
        long offset = start;
        long index = previousIndex;
        long term = previousTerm;
        byte[] header = new byte[RecordFormat.HEADER_BYTES];

        for (long read = 0; read < maxRecords && offset < size; read++) {
            long remaining = size - offset;
            if (remaining < RecordFormat.HEADER_BYTES) {
                return bad(offset, index, term,
                        "only " + remaining + " bytes left, less than a record header");
            }
            readFully(header, offset);
            ByteBuffer fields = ByteBuffer.wrap(header);
            int length = fields.getInt(0);
            if (!RecordFormat.plausibleLength(length)) {
                return bad(offset, index, term, "invalid record length " + length);
            }
            if (length > remaining - RecordFormat.HEADER_BYTES) {
                return bad(offset, index, term, "record of " + length
                        + " bytes runs past the end of the file");
            }

            byte[] body = new byte[length];
            readFully(body, offset);
            int stored = fields.getInt(4);
            int computed = RecordFormat.checksum(header, body);
            if (stored != computed) {
                return bad(offset, index, term, String.format(
                        "checksum mismatch (stored %08x, computed %08x)", stored, computed));
            }

            Entry entry = verifiedEntry(body, offset, index, term);
            int recordBytes = RecordFormat.HEADER_BYTES + length;
            sink.accept(entry, offset, recordBytes);
            offset += recordBytes;
            index = entry.index();
            term = entry.term();
        }
        return new Result(offset, index, term, null);
    }

    /** Checks what only a bug or tampering could get wrong behind a valid checksum. */
    private Entry verifiedEntry(byte[] body, long offset, long previousIndex, long previousTerm) {
        ByteBuffer fields = ByteBuffer.wrap(body);
        long index = fields.getLong();
        long term = fields.getLong();
        if (index != previousIndex + 1) {
            throw corrupt(offset, "expected index " + (previousIndex + 1) + ", found " + index);
        }
        if (term < Math.max(1, previousTerm)) {
            throw corrupt(offset, "entry " + index + " has term " + term
                    + ", lower than the term " + previousTerm + " before it");
        }
        byte[] command = new byte[body.length - RecordFormat.FIXED_BODY_BYTES];
        fields.get(command);
        return new Entry(index, term, command);
    }

    /**
     * A bad record at {@code offset}. It is a torn tail only in the last segment and only if no
     * intact record follows it: a crash cuts the end of the last write, while damage in the
     * middle (a flipped bit, a garbage length that seems to run past the end) leaves intact
     * records behind it, which must not be thrown away.
     */
    private Result bad(long offset, long lastIndex, long lastTerm, String reason)
            throws IOException {
        if (!tornTailAllowed) {
            throw corrupt(offset, reason);
        }
        long intact = intactRecordAfter(offset, lastIndex);
        if (intact >= 0) {
            throw corrupt(offset, reason + "; an intact record follows at offset " + intact
                    + ", so this is not a torn write");
        }
        return new Result(offset, lastIndex, lastTerm, new TornTail(offset, size - offset, reason));
    }

    /**
     * The offset of the first record after {@code offset} with a valid checksum and an index
     * above {@code lastIndex}, or -1. Tries every byte position, since a bad record's length
     * cannot be trusted; cheap, because almost every position fails the length check.
     */
    private long intactRecordAfter(long offset, long lastIndex) throws IOException {
        long rest = size - offset;
        if (rest > Integer.MAX_VALUE) {
            return offset + 1; // Far larger than any segment: treat it as damage, not a tear.
        }
        ByteBuffer tail = ByteBuffer.allocate((int) rest);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (tail.hasRemaining()) {
                if (channel.read(tail, offset + tail.position()) < 0) {
                    break;
                }
            }
        }
        tail.flip();
        int minimum = RecordFormat.HEADER_BYTES + RecordFormat.FIXED_BODY_BYTES;
        for (int at = 1; at + minimum <= tail.limit(); at++) {
            int length = tail.getInt(at);
            if (RecordFormat.plausibleLength(length)
                    && at + RecordFormat.HEADER_BYTES + length <= tail.limit()
                    && tail.getLong(at + RecordFormat.HEADER_BYTES) > lastIndex
                    && intactAt(tail, at, length)) {
                return offset + at;
            }
        }
        return -1;
    }

    private static boolean intactAt(ByteBuffer tail, int at, int length) {
        ByteBuffer record = tail.duplicate();
        record.position(at);
        return record.getInt(at + 4) == RecordFormat.checksum(record, length);
    }

    private void readFully(byte[] into, long offset) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                // The file shrank under us: someone else is writing it.
                throw corrupt(offset, "file ended while reading a record",
                        new EOFException(file.toString()));
            }
            done += n;
        }
    }

    private StorageCorruptionException corrupt(long offset, String problem) {
        return new StorageCorruptionException(file, offset, problem);
    }

    private StorageCorruptionException corrupt(long offset, String problem, Throwable cause) {
        StorageCorruptionException exception = corrupt(offset, problem);
        exception.initCause(cause);
        return exception;
    }
}
