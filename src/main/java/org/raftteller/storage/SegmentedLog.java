package org.raftteller.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.raftteller.raft.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft log on disk: append-only segment files named by their first index, each record
 * checksummed (see {@link RecordFormat}). Appending writes without forcing; {@link #sync}
 * makes everything written so far durable, so a caller can batch many appends per fsync.
 *
 * <p>Invariants: segments hold contiguous indexes starting at 1, with no gap between files;
 * terms never decrease along the log; only the last segment is appended to. Not thread-safe:
 * one thread (the storage writer) owns it.
 *
 * <p>After any failed write or sync the log refuses further work: memory and disk may disagree,
 * and after a failed fsync Linux may already have dropped the unwritten pages, so a retry could
 * report success for data that is gone.
 */
public final class SegmentedLog implements Closeable {

    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedLog.class);

    private final Path dir;
    private final long segmentBytes;
    private final List<Segment> segments;

    // Segments rolled away from with writes not yet forced; the next sync forces and closes them.
    private final List<Segment> sealedUnsynced = new ArrayList<>();
    /** Records are encoded here before they are written; kept between appends. */
    private ByteBuffer scratch;
    private boolean directoryChanged;
    private Exception failure;
    private boolean closed;

    private SegmentedLog(Path dir, long segmentBytes, List<Segment> segments) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.segments = segments;
    }

    /** Opens the log in {@code dir} with 64 MiB segments. */
    public static SegmentedLog open(Path dir) throws IOException {
        return open(dir, DEFAULT_SEGMENT_BYTES);
    }

    /**
     * Opens the log in {@code dir}, creating the directory if missing, and recovers it: every
     * record of every segment is checked. A torn last record is cut off with a warning; any
     * other damage throws.
     *
     * @param segmentBytes the size after which a new segment is started; a record larger than
     *                     this gets a segment of its own
     * @throws StorageCorruptionException naming the file and byte offset of the damage
     */
    public static SegmentedLog open(Path dir, long segmentBytes) throws IOException {
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segment size must be positive: " + segmentBytes);
        }
        DurableFiles.createDirectories(dir);
        List<Segment> segments = recover(dir, listSegments(dir));
        SegmentedLog log = new SegmentedLog(dir, segmentBytes, segments);
        if (!segments.isEmpty()) {
            log.active().openForWrite();
        }
        LOG.info("log {}: opened {} segment(s), last index {}",
                dir, segments.size(), log.lastIndex());
        return log;
    }

    /** The index of the first entry; 1, also when empty, since there are no snapshots yet. */
    public long firstIndex() {
        return 1;
    }

    /** The index of the last entry, 0 when the log is empty. */
    public long lastIndex() {
        return segments.isEmpty() ? 0 : active().lastIndex();
    }

    /** The term of the entry at {@code index}, 0 for index 0. */
    public long term(long index) {
        if (index == 0) {
            return 0;
        }
        return segmentContaining(index).termAt(index);
    }

    /** All entries, read back from disk and verified; meant for startup. */
    public List<Entry> entries() throws IOException {
        return entries(firstIndex(), lastIndex() + 1);
    }

    /**
     * Entries with indexes in {@code [fromIndex, toIndex)}, read back from disk and verified.
     *
     * @throws StorageCorruptionException if the disk no longer holds what was written
     */
    public List<Entry> entries(long fromIndex, long toIndex) throws IOException {
        checkOpen();
        if (fromIndex < firstIndex() || toIndex > lastIndex() + 1 || fromIndex > toIndex) {
            throw new IllegalArgumentException("range [" + fromIndex + ", " + toIndex
                    + ") is outside the log [" + firstIndex() + ", " + (lastIndex() + 1) + ")");
        }
        List<Entry> result = new ArrayList<>((int) Math.min(toIndex - fromIndex, 1 << 20));
        for (Segment segment : segments) {
            long from = Math.max(fromIndex, segment.baseIndex());
            long to = Math.min(toIndex, segment.lastIndex() + 1);
            if (from < to) {
                SegmentScanner.read(segment.file(), segment.offsetOf(from), from, to - from,
                        (entry, offset, bytes) -> result.add(entry));
            }
        }
        return result;
    }

    /**
     * Writes {@code entries}, without forcing them to disk. If the first index is not past the
     * end, the stored entries from that index on are dropped first: they conflict with the
     * leader's log (Figure 2, AppendEntries step 3).
     *
     * <p>That truncation is forced at once, before new records are written over the cut: a
     * power loss must not leave new records stitched to a stale suffix. It is the one exception
     * to "no fsync until sync()", and rare: it happens only after a leader change.
     *
     * @throws IllegalArgumentException if the entries are not contiguous, would leave a gap after
     *                                  the last index, or would make terms decrease
     */
    public void append(List<Entry> entries) throws IOException {
        checkUsable();
        if (entries.isEmpty()) {
            return;
        }
        long first = entries.get(0).index();
        validate(entries, first);

        try {
            if (first <= lastIndex()) {
                truncateFrom(first);
            }
            write(entries);
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Forces everything written since the last sync, and new or deleted file names, to disk. */
    public void sync() throws IOException {
        checkUsable();
        try {
            for (Segment sealed : sealedUnsynced) {
                sealed.force();
                sealed.close();
            }
            sealedUnsynced.clear();
            if (!segments.isEmpty()) {
                active().force();
            }
            if (directoryChanged) {
                DurableFiles.forceDirectory(dir);
                directoryChanged = false;
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Closes the files. Does not sync: what was not synced may or may not survive. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        sealedUnsynced.clear();
        if (first != null) {
            throw first;
        }
    }

    private void validate(List<Entry> entries, long first) {
        if (first > lastIndex() + 1) {
            throw new IllegalArgumentException("appending index " + first
                    + " would leave a gap after the last index " + lastIndex());
        }
        long previousTerm = term(first - 1);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.index() != first + i) {
                throw new IllegalArgumentException("entries are not contiguous: expected index "
                        + (first + i) + ", found " + entry.index());
            }
            if (entry.term() < previousTerm) {
                throw new IllegalArgumentException("entry " + entry.index() + " has term "
                        + entry.term() + ", lower than the term " + previousTerm + " before it");
            }
            if (entry.command().length > RecordFormat.MAX_COMMAND_BYTES) {
                throw new IllegalArgumentException("entry " + entry.index() + " has a command of "
                        + entry.command().length + " bytes, over the limit of "
                        + RecordFormat.MAX_COMMAND_BYTES);
            }
            previousTerm = entry.term();
        }
    }

    private void truncateFrom(long index) throws IOException {
        long lastBefore = lastIndex();
        int keep = indexOfSegmentContaining(index);

        // Newest first, so a crash part-way leaves a contiguous prefix, never a gap.
        int deleted = 0;
        for (int i = segments.size() - 1; i > keep; i--) {
            Segment doomed = segments.remove(i);
            sealedUnsynced.remove(doomed);
            doomed.close();
            Files.delete(doomed.file());
            deleted++;
        }
        Segment segment = segments.get(keep);
        sealedUnsynced.remove(segment);
        long bytes = segment.truncateFrom(index);
        segment.force();
        if (deleted > 0) {
            DurableFiles.forceDirectory(dir);
        }
        LOG.info("log {}: dropped conflicting entries {} to {} ({} segment(s) deleted, "
                + "{} bytes cut from {})", dir, index, lastBefore, deleted, bytes,
                segment.file().getFileName());
    }

    private void write(List<Entry> entries) throws IOException {
        if (segments.isEmpty()) {
            roll(entries.get(0).index());
        }
        int chunkStart = 0;
        long chunkBytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            int bytes = RecordFormat.recordBytes(entries.get(i));
            boolean full = active().size() + chunkBytes > 0
                    && active().size() + chunkBytes + bytes > segmentBytes;
            if (full) {
                scratch = active().append(entries, chunkStart, i, scratch);
                roll(entries.get(i).index());
                chunkStart = i;
                chunkBytes = 0;
            }
            chunkBytes += bytes;
        }
        scratch = active().append(entries, chunkStart, entries.size(), scratch);
    }

    /** Starts a new segment at {@code baseIndex}; the current one keeps its unsynced writes. */
    private void roll(long baseIndex) throws IOException {
        if (!segments.isEmpty()) {
            Segment previous = active();
            sealedUnsynced.add(previous);
        }
        segments.add(Segment.create(dir, baseIndex));
        directoryChanged = true;
        LOG.debug("log {}: started segment {}", dir, Segment.fileName(baseIndex));
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    private Segment segmentContaining(long index) {
        return segments.get(indexOfSegmentContaining(index));
    }

    /** The position in {@link #segments} of the segment holding {@code index}, or of the
     * segment it would be appended to when it is one past the end of that segment. */
    private int indexOfSegmentContaining(long index) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (index >= segments.get(i).baseIndex()) {
                if (index > segments.get(i).lastIndex() + 1) {
                    break;
                }
                return i;
            }
        }
        throw new IllegalArgumentException("index " + index + " is not in the log [" + firstIndex()
                + ", " + lastIndex() + "]");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log " + dir + " is closed");
        }
    }

    private void checkUsable() throws IOException {
        checkOpen();
        if (failure != null) {
            throw new IOException("log " + dir + " is unusable after an earlier failure", failure);
        }
    }

    // ---- recovery ----

    private static List<Path> listSegments(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                if (Segment.parseBaseIndex(path.getFileName().toString()) >= 0) {
                    files.add(path);
                } else {
                    LOG.warn("log {}: ignoring {}, which is not a segment file", dir,
                            path.getFileName());
                }
            }
        }
        files.sort(Comparator.comparingLong(
                path -> Segment.parseBaseIndex(path.getFileName().toString())));
        return files;
    }

    private static List<Segment> recover(Path dir, List<Path> files) throws IOException {
        List<Segment> segments = new ArrayList<>();
        long lastIndex = 0;
        long lastTerm = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long baseIndex = Segment.parseBaseIndex(file.getFileName().toString());
            if (baseIndex != lastIndex + 1) {
                throw new StorageCorruptionException(file, 0, i == 0
                        ? "the log starts at index " + baseIndex + ", not 1 (no snapshots yet)"
                        : "segment starts at index " + baseIndex + " but the previous segment "
                                + "ends at " + lastIndex + " (a segment is missing or extra)");
            }

            Segment segment = Segment.existing(file, baseIndex);
            boolean last = i == files.size() - 1;
            SegmentScanner.Result scan = SegmentScanner.recover(file, lastIndex, lastTerm, last,
                    (entry, offset, bytes) -> segment.recovered(offset, entry.term(), bytes));
            if (scan.tornTail() != null) {
                dropTornTail(dir, segment, scan);
            }
            segments.add(segment);
            lastIndex = scan.lastIndex();
            lastTerm = scan.lastTerm();
        }
        return segments;
    }

    private static void dropTornTail(Path dir, Segment segment, SegmentScanner.Result scan)
            throws IOException {
        SegmentScanner.TornTail torn = scan.tornTail();
        // Forced now: new records will be written over the cut, and must not meet its remains.
        segment.truncateTo(scan.validBytes());
        segment.force();
        LOG.warn("log {}: dropped torn last record of {} at offset {}: {} bytes ({}), "
                + "taken for a write cut short by a crash", dir,
                segment.file().getFileName(), torn.offset(), torn.bytes(), torn.reason());
    }
}
