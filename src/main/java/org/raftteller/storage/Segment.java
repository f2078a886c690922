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
 * <p>A full segment holds about two million records. Their offsets are kept in fixed-size
 * chunks, so growing never copies them (doubling arrays of that size made megabytes of garbage
 * and forced the collector to handle them as humongous objects), and their terms as runs, since
 * a term changes only when leadership does.
 *
 * <p>Invariant: the file holds exactly {@link #size()} bytes, all of them intact records.
 */
final class Segment {

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.log");

    private final Path file;
    private final long baseIndex;
    private static final int MAX_SCRATCH_BYTES = 1 << 20;
    private static final int CHUNK_BITS = 13;
    private static final int CHUNK = 1 << CHUNK_BITS; // 8,192 offsets: 64 KiB

    /** Where record slot {@code i} starts: {@code offsets[i >> CHUNK_BITS][i & (CHUNK - 1)]}. */
    private long[][] offsets = new long[4][];
    /** Runs of equal terms: slots from {@code runStart[r]} on have term {@code runTerm[r]}. */
    private int[] runStart = new int[4];
    private long[] runTerm = new long[4];
    private int runs;
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
        int slot = slot(index);
        int r = runs - 1;
        while (runStart[r] > slot) {
            r--; // terms change rarely: the run is almost always the last or close to it
        }
        return runTerm[r];
    }

    long offsetOf(long index) {
        int slot = slot(index);
        return offsets[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
    }

    /** Opens the file for appending and truncating, if not open already. */
    void openForWrite() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /**
     * Appends {@code entries[from, to)} at the end of the file, without forcing them.
     *
     * @param scratch a buffer to encode into, reused between calls; a larger one is returned
     *                when it was too small, otherwise {@code scratch} itself
     */
    ByteBuffer append(List<Entry> entries, int from, int to, ByteBuffer scratch)
            throws IOException {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += RecordFormat.recordBytes(entries.get(i));
        }
        ByteBuffer buffer = scratch;
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes);
        }
        buffer.clear();
        for (int i = from; i < to; i++) {
            RecordFormat.encode(entries.get(i), buffer);
        }
        buffer.flip();
        writeFully(buffer, size);

        // Only after the write succeeded, so memory never claims records the file lacks.
        long start = size;
        for (int i = from; i < to; i++) {
            Entry entry = entries.get(i);
            add(start, entry.term());
            start += RecordFormat.recordBytes(entry);
        }
        size += bytes;
        dirty = true;
        // A rare huge append (a follower catching up) is not worth keeping a buffer that big.
        return buffer.capacity() <= MAX_SCRATCH_BYTES ? buffer : scratch;
    }

    /**
     * Drops the records from {@code index} on, which must be in this segment or one past its
     * end; returns the bytes cut from the file.
     */
    long truncateFrom(long index) throws IOException {
        long newSize = index == lastIndex() + 1 ? size : offsetOf(index);
        long dropped = size - newSize;
        truncateTo(newSize);
        setCount((int) (index - baseIndex));
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
        int chunk = count >>> CHUNK_BITS;
        if (chunk == offsets.length) {
            offsets = Arrays.copyOf(offsets, chunk * 2);
        }
        if (offsets[chunk] == null) {
            offsets[chunk] = new long[CHUNK];
        }
        offsets[chunk][count & (CHUNK - 1)] = offset;
        if (runs == 0 || runTerm[runs - 1] != term) {
            if (runs == runStart.length) {
                runStart = Arrays.copyOf(runStart, runs * 2);
                runTerm = Arrays.copyOf(runTerm, runs * 2);
            }
            runStart[runs] = count;
            runTerm[runs] = term;
            runs++;
        }
        count++;
    }

    /** Forgets the records from slot {@code newCount} on. */
    private void setCount(int newCount) {
        count = newCount;
        while (runs > 0 && runStart[runs - 1] >= count) {
            runs--;
        }
        // Chunks past the end are kept: the log is about to be appended to again.
    }

    private int slot(long index) {
        if (!contains(index)) {
            throw new IllegalArgumentException(
                    "index " + index + " is not in segment " + file.getFileName());
        }
        return (int) (index - baseIndex);
    }
}
