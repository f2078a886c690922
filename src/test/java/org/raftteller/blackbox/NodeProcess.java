package org.raftteller.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One {@code raft-teller node} process: started with the same arguments every time, killed the
 * way a crash kills (SIGKILL: no shutdown hook, no flush, nothing graceful), its stdout and
 * stderr appended to one log file with a line from the test at every start and kill.
 */
final class NodeProcess {

    /** How a process killed by SIGKILL (signal 9) reports its end on Linux: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private final int id;
    private final List<String> command;
    private final Path log;
    private Process process;
    private boolean killedByTest;
    private int starts;

    NodeProcess(int id, List<String> command, Path log) {
        this.id = id;
        this.command = List.copyOf(command);
        this.log = log;
    }

    int id() {
        return id;
    }

    Path log() {
        return log;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node " + id + " is already running");
        }
        starts++;
        note("start " + starts + ": " + String.join(" ", command));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + id, e);
        }
        killedByTest = false;
    }

    /**
     * Kills the process with SIGKILL and waits for it to be gone. Fails if it had already ended
     * by itself, or if its end was not a SIGKILL's.
     */
    synchronized void kill() {
        OptionalInt exited = diedOnItsOwn();
        if (exited.isPresent()) {
            throw new AssertionError("node " + id + " had already exited by itself, with status "
                    + exited.getAsInt() + ", before the test killed it:\n" + tail(40));
        }
        if (process == null || killedByTest) {
            return;
        }
        process.destroyForcibly();
        int status = awaitExit();
        killedByTest = true;
        note("killed with SIGKILL (exit status " + status + ")");
        if (status != SIGKILL_EXIT) {
            throw new AssertionError("node " + id + " ended with status " + status + ", not "
                    + SIGKILL_EXIT + ": destroyForcibly did not deliver SIGKILL");
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The exit status if the process ended without the test killing it. */
    synchronized OptionalInt diedOnItsOwn() {
        if (process == null || process.isAlive() || killedByTest) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    /** Kills without questions, for cleaning up after a test whatever happened. */
    synchronized void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
            killedByTest = true;
            note("killed with SIGKILL at clean-up");
        }
    }

    /** The last lines of the log. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(node " + id + " has no log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last " + Math.min(lines, all.size()) + " lines of " + log + "\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + id + " (pid " + process.pid()
                        + ") outlived SIGKILL by 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing node " + id, e);
        }
        return process.exitValue();
    }

    /** A line from the test in the node's log, so the log reads as one story. */
    private void note(String what) {
        try {
            Files.writeString(log, "---- test " + LocalTime.now() + ": node " + id + " " + what
                            + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + log, e);
        }
    }
}
