package org.raftteller.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about this process and the machine; harmless blanks elsewhere. */
final class SystemProbe {

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
