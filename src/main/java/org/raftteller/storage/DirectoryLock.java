package org.raftteller.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of a data directory, through an OS lock on its {@code LOCK} file. Two nodes
 * appending to one log would interleave records and destroy it. The OS drops the lock when the
 * process dies, even by SIGKILL, so a crashed node never leaves a stale lock behind.
 *
 * <p>The lock file holds the owner's pid, only so the refusal message can name it.
 */
final class DirectoryLock implements Closeable {

    static final String FILE_NAME = "LOCK";

    // Directories locked by this JVM. Checked before the LOCK file is even opened, because on
    // Linux closing any descriptor of a file drops every lock this process holds on it: a
    // refused second open in the same process would otherwise unlock the first.
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;

    private DirectoryLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Locks {@code dir}, which must exist.
     *
     * @throws DataDirectoryException if this or another process holds it
     */
    static DirectoryLock acquire(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!HELD.add(real)) {
            throw new DataDirectoryException("data directory " + dir
                    + " is already open in this process");
        }
        try {
            return lock(real);
        } catch (IOException | RuntimeException e) {
            HELD.remove(real);
            throw e;
        }
    }

    private static DirectoryLock lock(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryException("data directory " + dir
                        + " is in use by another process" + owner(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new DirectoryLock(dir, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String owner(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock; closing the channel drops it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            HELD.remove(dir);
        }
    }
}
