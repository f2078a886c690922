package org.raftteller.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's data directory: the lock that keeps other processes out, the identity that keeps
 * other nodes out, the hard state and the log. Not thread-safe: at startup the node calls
 * {@link #recover}, after that one thread (the {@link StorageWriter}) owns it.
 */
public final class NodeStorage implements StableStore, AutoCloseable {

    /** What a node needs to resume: its term and vote, and its log. */
    public record Recovered(HardState hardState, List<Entry> entries) {

        public Recovered {
            entries = List.copyOf(entries);
        }
    }

    /**
     * How to open a data directory.
     *
     * @param identity     recorded on first open and checked on every later one; null to skip
     * @param fsync        false makes {@link #sync} a no-op. UNSAFE: a power loss or kernel
     *                     crash then loses acknowledged writes. For benchmarks only.
     * @param segmentBytes the size at which the log starts a new segment file
     */
    public record Options(NodeIdentity identity, boolean fsync, long segmentBytes) {

        public static Options defaults() {
            return new Options(null, true, SegmentedLog.DEFAULT_SEGMENT_BYTES);
        }

        public Options withIdentity(NodeIdentity newIdentity) {
            return new Options(newIdentity, fsync, segmentBytes);
        }

        public Options withFsync(boolean newFsync) {
            return new Options(identity, newFsync, segmentBytes);
        }

        public Options withSegmentBytes(long newSegmentBytes) {
            return new Options(identity, fsync, newSegmentBytes);
        }
    }

    static final String LOG_DIR = "log";

    private static final Logger LOG = LoggerFactory.getLogger(NodeStorage.class);

    private final String name;
    private final Path dir;
    private final boolean fsync;
    private final DirectoryLock lock;
    private final HardStateFile hardStateFile;
    private final SegmentedLog log;

    private HardState hardState;
    // A hard state written to the temp file but not yet renamed into place; see persist.
    private boolean hardStateStaged;
    private boolean failed;
    private boolean closed;

    private NodeStorage(String name, Path dir, boolean fsync, DirectoryLock lock,
            HardStateFile hardStateFile, HardState hardState, SegmentedLog log) {
        this.name = name;
        this.dir = dir;
        this.fsync = fsync;
        this.lock = lock;
        this.hardStateFile = hardStateFile;
        this.hardState = hardState;
        this.log = log;
    }

    /**
     * Opens {@code dir}, creating it if missing: locks it, checks the identity, loads the hard
     * state and recovers the log.
     *
     * @throws DataDirectoryException     if another process uses the directory, or it belongs to
     *                                    another node or cluster
     * @throws StorageCorruptionException if stored data is damaged beyond a torn last record
     */
    public static NodeStorage open(Path dir, Options options) throws IOException {
        String name = options.identity() == null
                ? dir.toString() : "node " + options.identity().nodeId();
        DurableFiles.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            if (options.identity() != null) {
                IdentityFile.claim(dir, options.identity());
            }
            HardStateFile hardStateFile = new HardStateFile(dir);
            hardStateFile.discardLeftoverTemp();
            HardState hardState = hardStateFile.load();
            SegmentedLog log = SegmentedLog.open(dir.resolve(LOG_DIR), options.segmentBytes());

            LOG.info("{}: opened {} at term {}, vote {}, last index {}{}", name, dir,
                    hardState.currentTerm(), hardState.votedFor(), log.lastIndex(),
                    options.fsync() ? "" : "; fsync is OFF, writes are not crash-safe");
            return new NodeStorage(name, dir, options.fsync(), lock, hardStateFile, hardState,
                    log);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The hard state and every log entry, as the disk holds them. */
    public Recovered recover() throws IOException {
        checkOpen();
        return new Recovered(hardState, log.entries());
    }

    /**
     * Writes without waiting for the disk; {@link #sync} makes it durable. A hard state equal to
     * the current one is skipped.
     *
     * <p>With fsync on, a new hard state goes to {@code state.tmp} now and is renamed into place
     * at sync, after the temp file is forced: renaming first could leave an empty state file
     * after a power loss. With fsync off it is renamed at once, since sync does nothing.
     *
     * @throws IllegalArgumentException if the term would decrease or a vote change within a
     *                                  term: both would break Raft's one-vote-per-term rule
     */
    @Override
    public void persist(HardState hardStateOrNull, List<Entry> entries) throws IOException {
        checkUsable();
        if (hardStateOrNull != null && !hardStateOrNull.equals(hardState)) {
            checkMonotonic(hardStateOrNull);
        }
        try {
            if (hardStateOrNull != null && !hardStateOrNull.equals(hardState)) {
                writeHardState(hardStateOrNull);
            }
            log.append(entries);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Makes everything persisted so far durable; does nothing when fsync is off. */
    @Override
    public void sync() throws IOException {
        checkUsable();
        if (!fsync) {
            return;
        }
        try {
            if (hardStateStaged) {
                hardStateFile.publish(true);
                hardStateStaged = false;
            }
            log.sync();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public boolean fsync() {
        return fsync;
    }

    /** The index of the last log entry written, 0 when the log is empty. */
    public long lastIndex() {
        return log.lastIndex();
    }

    /**
     * Syncs what was persisted (unless an earlier write failed), then releases the files and
     * the lock.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!failed) {
                sync();
            }
        } finally {
            closed = true;
            try {
                log.close();
            } finally {
                lock.close();
                LOG.info("{}: closed {}", name, dir);
            }
        }
    }

    private void writeHardState(HardState next) throws IOException {
        hardStateFile.stage(next);
        if (fsync) {
            hardStateStaged = true;
        } else {
            hardStateFile.publish(false);
        }
        hardState = next;
    }

    private void checkMonotonic(HardState next) {
        if (next.currentTerm() < hardState.currentTerm()) {
            throw new IllegalArgumentException(name + ": term must not decrease, from "
                    + hardState.currentTerm() + " to " + next.currentTerm());
        }
        boolean sameTerm = next.currentTerm() == hardState.currentTerm();
        if (sameTerm && hardState.votedFor() != HardState.NO_VOTE
                && next.votedFor() != hardState.votedFor()) {
            throw new IllegalArgumentException(name + ": vote in term " + next.currentTerm()
                    + " must not change from " + hardState.votedFor() + " to "
                    + next.votedFor());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + ": storage " + dir + " is closed");
        }
    }

    private void checkUsable() throws IOException {
        checkOpen();
        if (failed) {
            // After a failed fsync the kernel may have dropped the pages; retrying could
            // report success for data that is gone.
            throw new IOException(name + ": storage " + dir + " is unusable after a failed write");
        }
    }
}
