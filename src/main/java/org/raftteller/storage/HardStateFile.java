package org.raftteller.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.raftteller.raft.HardState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current term and vote (Figure 2, "persistent state on all servers") in the file
 * {@code state} of a data directory.
 *
 * <p>The file is never written in place: a new version goes to {@code state.tmp}, is fsynced,
 * renamed over {@code state} and the directory fsynced. A crash therefore leaves the old state or
 * the new one, never a mix; a vote is not half-remembered. The format is fixed at 24 bytes,
 * big-endian: magic {@code "RTHS"}, version, currentTerm, votedFor, then a CRC32C of the 20 bytes
 * before it.
 */
public final class HardStateFile {

    static final String FILE_NAME = "state";
    static final String TEMP_NAME = "state.tmp";
    static final int SIZE = 24;

    private static final Logger LOG = LoggerFactory.getLogger(HardStateFile.class);
    private static final int MAGIC = 0x52544853;
    private static final int VERSION = 1;
    private static final int CHECKSUMMED_BYTES = 20;

    private final Path dir;
    private final Path file;
    private final Path temp;

    public HardStateFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.temp = dir.resolve(TEMP_NAME);
    }

    /**
     * Reads the stored state: {@link HardState#INITIAL} if none was ever saved. A leftover
     * {@code state.tmp} from an interrupted save is ignored; the rename never happened, so
     * {@code state} still holds the last complete save.
     *
     * @throws StorageCorruptionException if the file is damaged
     */
    public HardState load() throws IOException {
        if (!Files.exists(file)) {
            return HardState.INITIAL;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != SIZE) {
            throw corrupt(Math.min(bytes.length, SIZE),
                    "is " + bytes.length + " bytes long, a hard state is " + SIZE);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(0) != MAGIC) {
            throw corrupt(0, "does not start with the hard state magic number");
        }
        int stored = buffer.getInt(CHECKSUMMED_BYTES);
        int computed = checksum(bytes);
        if (stored != computed) {
            throw corrupt(0, String.format("checksum mismatch (stored %08x, computed %08x)",
                    stored, computed));
        }
        int version = buffer.getInt(4);
        if (version != VERSION) {
            throw corrupt(4, "unsupported format version " + version);
        }
        long currentTerm = buffer.getLong(8);
        int votedFor = buffer.getInt(16);
        if (currentTerm < 0 || votedFor < 0) {
            // A valid checksum over impossible values means a bug wrote them, not a crash.
            throw corrupt(8, "impossible values term " + currentTerm + ", vote " + votedFor);
        }
        return new HardState(currentTerm, votedFor);
    }

    /** Saves {@code state} durably: when this returns, a crash cannot undo it. */
    public void save(HardState state) throws IOException {
        stage(state);
        publish(true);
    }

    /**
     * Writes {@code state} to the temp file without fsync. It becomes the stored state only at
     * {@link #publish}; until then {@link #load} still returns the previous one.
     */
    void stage(HardState state) throws IOException {
        DurableFiles.write(temp, encode(state));
    }

    /**
     * Renames the staged state over the stored one. With {@code durable}, the temp file is forced
     * before the rename (otherwise the rename could reach the disk before the data, leaving an
     * empty state) and the directory after it (otherwise the rename itself could be lost).
     */
    void publish(boolean durable) throws IOException {
        if (durable) {
            DurableFiles.force(temp);
        }
        DurableFiles.replace(temp, file);
        if (durable) {
            DurableFiles.forceDirectory(dir);
        }
    }

    /** Deletes a temp file left by a save that a crash interrupted; true if there was one. */
    boolean discardLeftoverTemp() throws IOException {
        if (!Files.deleteIfExists(temp)) {
            return false;
        }
        LOG.warn("{}: dropped leftover {} from an interrupted save; {} is intact",
                dir, TEMP_NAME, FILE_NAME);
        return true;
    }

    Path file() {
        return file;
    }

    private static byte[] encode(HardState state) {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(state.currentTerm()).putInt(state.votedFor());
        buffer.putInt(checksum(buffer.array()));
        return buffer.array();
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CHECKSUMMED_BYTES);
        return (int) crc.getValue();
    }

    private StorageCorruptionException corrupt(long offset, String problem) {
        return new StorageCorruptionException(file, offset, "hard state file " + problem);
    }
}
