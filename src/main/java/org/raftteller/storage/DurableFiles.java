package org.raftteller.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The few file-system moves that durability rests on, in one place so each is done the same way.
 */
final class DurableFiles {

    // Windows cannot open a directory as a channel, and NTFS journals names itself.
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {
    }

    /** Replaces the content of {@code file} with {@code content}, without fsync. */
    static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** Forces the content of {@code file} to the device. */
    static void force(Path file) throws IOException {
        // WRITE, not READ: Windows flushes only handles opened for writing.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
    }

    /**
     * Makes the names created, renamed or deleted in {@code dir} durable. On Linux a new file's
     * data can be on disk while its name is not, until the directory itself is fsynced.
     */
    static void forceDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Renames {@code temp} over {@code target} in one step: readers see old or new, never half. */
    static void replace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes {@code content} to {@code target} so that after a crash the file holds either its
     * old content or all of the new: temp file, fsync, rename over, fsync the directory.
     */
    static void writeAtomically(Path target, Path temp, byte[] content) throws IOException {
        write(temp, content);
        force(temp);
        replace(temp, target);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Creates {@code dir} and its parents if missing, making each new name durable. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
            return;
        }
        if (parent != null) {
            forceDirectory(parent);
        }
    }
}
