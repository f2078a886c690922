package org.raftteller.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** What Linux says about this process and the machine; harmless blanks elsewhere. */
final class SystemProbe {

    private static final int FSYNC_PROBES = 200;

    private SystemProbe() {
    }

    /**
     * The peak resident set of this JVM in MiB ({@code VmHWM} of {@code /proc/self/status}), or
     * -1 where there is no such file.
     */
    static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return Math.round(kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a format we do not know: say so with -1 below.
        }
        return -1;
    }

    /**
     * How long one fsync takes here: 100-byte appends to a temporary file, each forced, as the
     * log's group commit does. Disks differ by an order of magnitude, so every figure with fsync
     * on needs this beside it.
     */
    static String fsyncLatency() {
        Path file = null;
        try {
            file = Files.createTempFile("raft-teller-fsync-", ".probe");
            double[] millis = new double[FSYNC_PROBES];
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer record = ByteBuffer.allocate(100);
                for (int i = 0; i < FSYNC_PROBES; i++) {
                    channel.write(record.clear());
                    long start = System.nanoTime();
                    channel.force(false);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms over %d forced appends "
                    + "in %s", Percentiles.of(millis, 50), Percentiles.of(millis, 99),
                    FSYNC_PROBES, file.getParent());
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover probe file in the temporary directory harms nothing.
                }
            }
        }
    }

    /** The 1, 5 and 15 minute load averages as {@code uptime} prints them, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
