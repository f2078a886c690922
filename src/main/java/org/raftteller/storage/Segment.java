package org.raftteller.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.raftteller.raft.Entry;

/**
 * One segment file of the log: the records of a contiguous run of indexes starting at
 * {@link #baseIndex}, which is also the file's name. Keeps where each record starts and its term
 * in memory, so truncating at an index and reading a range never scan the file.
 *
 * <p>Invariant: the file holds exactly {@link #size()} bytes, all of them intact records.
 */
final class Segment {

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.log");

    private final Path file;
    private final long baseIndex;
    private long[] offsets = new long[16];
    private long[] terms = new long[16];
    private int count;
    private long size;

    // Open while this is the segment being appended to, or has writes not yet forced.
    private FileChannel channel;
    private boolean dirty;

    private Segment(Path file, long baseIndex) {
        this.file = file;
        this.baseIndex = baseIndex;
    }

    static String fileName(long baseIndex) {
        return String.format("%020d.log", baseIndex);
    }

    /** The first index a segment file name stands for, or -1 if it is not a segment's name. */
    static long parseBaseIndex(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** A new, empty segment file; fails if one with that name exists. */
    static Segment create(Path dir, long baseIndex) throws IOException {
        Segment segment = new Segment(dir.resolve(fileName(baseIndex)), baseIndex);
        segment.channel = FileChannel.open(segment.file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        return segment;
    }

    /** An existing segment file whose records recovery will add with {@link #recovered}. */
    static Segment existing(Path file, long baseIndex) {
        return new Segment(file, baseIndex);
    }

    /** Notes a record recovery verified at {@code offset}; records arrive in index order. */
    void recovered(long offset, long term, int recordBytes) {
        add(offset, term);
        size = offset + recordBytes;
    }

    Path file() {
        return file;
    }

    long baseIndex() {
        return baseIndex;
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The last index held; {@code baseIndex - 1} when empty. */
    long lastIndex() {
        return baseIndex + count - 1;
    }

    long size() {
        return size;
    }

    boolean contains(long index) {
        return index >= baseIndex && index <= lastIndex();
    }

    long termAt(long index) {
        return terms[slot(index)];
    }

    long offsetOf(long index) {
        return offsets[slot(index)];
    }

    /** Opens the file for appending and truncating, if not open already. */
    void openForWrite() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /** Appends {@code entries[from, to)} at the end of the file, without forcing them. */
    void append(List<Entry> entries, int from, int to) throws IOException {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += RecordFormat.recordBytes(entries.get(i));
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        long[] starts = new long[to - from];
        for (int i = from; i < to; i++) {
            starts[i - from] = size + buffer.position();
            RecordFormat.encode(entries.get(i), buffer);
        }
        buffer.flip();
        writeFully(buffer, size);

        // Only after the write succeeded, so memory never claims records the file lacks.
        for (int i = from; i < to; i++) {
            add(starts[i - from], entries.get(i).term());
        }
        size += bytes;
        dirty = true;
    }

    /**
     * Drops the records from {@code index} on, which must be in this segment or one past its
     * end; returns the bytes cut from the file.
     */
    long truncateFrom(long index) throws IOException {
        long newSize = index == lastIndex() + 1 ? size : offsetOf(index);
        long dropped = size - newSize;
        truncateTo(newSize);
        count = (int) (index - baseIndex);
        return dropped;
    }

    /** Cuts the file to {@code validBytes}, the end of the last intact record. */
    void truncateTo(long validBytes) throws IOException {
        openForWrite();
        channel.truncate(validBytes);
        size = validBytes;
        dirty = true;
    }

    boolean isOpen() {
        return channel != null;
    }

    /** Forces written data to the device, if there is any not forced yet. */
    void force() throws IOException {
        if (dirty) {
            // Data only: the file size is forced with it, other metadata is not needed to read.
            channel.force(false);
            dirty = false;
        }
    }

    void close() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private void add(long offset, long term) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            terms = Arrays.copyOf(terms, count * 2);
        }
        offsets[count] = offset;
        terms[count] = term;
        count++;
    }

    private int slot(long index) {
        if (!contains(index)) {
            throw new IllegalArgumentException(
                    "index " + index + " is not in segment " + file.getFileName());
        }
        return (int) (index - baseIndex);
    }
}
