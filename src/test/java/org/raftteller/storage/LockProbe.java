package org.raftteller.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;

/**
 * Another process trying the lock of a data directory, since a JVM cannot stand in for a second
 * process against its own locks. Prints "locked" or "busy"; with "hold", keeps the lock until
 * its standard input closes.
 */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path lockFile = Path.of(args[0]).resolve("LOCK");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            System.out.println(lock == null ? "busy" : "locked");
            System.out.flush();
            if (lock != null && args.length > 1 && args[1].equals("hold")) {
                System.in.readAllBytes();
            }
        }
    }

    /** Starts a probe on {@code dir} in a new JVM. */
    static Process start(Path dir, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(codeLocation()).toString();
        return new ProcessBuilder(java, "-cp", classes, LockProbe.class.getName(),
                dir.toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Runs a probe that only tries the lock; its verdict. */
    static String tryLock(Path dir) throws IOException, InterruptedException {
        Process probe = start(dir, "try");
        String verdict = new String(probe.getInputStream().readAllBytes()).trim();
        if (!probe.waitFor(30, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
        }
        return verdict;
    }

    private static URI codeLocation() {
        try {
            return LockProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
