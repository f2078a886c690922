package org.raftteller.cli.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One load level's window: completions are counted and their latencies recorded only while the
 * window is open, so the warm-up before it and the drain after it do not count. Throughput is the
 * successes completed in the window divided by its length.
 *
 * <p>Completions arrive from the nodes' or the clients' threads; the window is opened and closed
 * by the bench's thread.
 */
final class Measurement {

    private final LatencyHistogram latencies = new LatencyHistogram();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong allFailures = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean open;
    private long openedNanos;
    private long closedNanos;
    private volatile String lastError;

    /** Whether load generators should keep submitting. */
    boolean running() {
        return running;
    }

    void open() {
        openedNanos = System.nanoTime();
        open = true;
    }

    void close() {
        open = false;
        closedNanos = System.nanoTime();
    }

    /** Tells the load generators to stop submitting; requests in flight still complete. */
    void stop() {
        running = false;
    }

    /** One operation that was submitted at {@code startNanos} has its answer. */
    void completed(long startNanos, boolean ok, String error) {
        if (!ok) {
            allFailures.incrementAndGet();
            lastError = error;
        }
        if (!open) {
            return;
        }
        if (ok) {
            latencies.recordNanos(System.nanoTime() - startNanos);
            succeeded.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    long failures() {
        return allFailures.get();
    }

    String lastError() {
        return lastError;
    }

    /** The figures of the closed window. */
    LoadFigures figures() {
        double seconds = (closedNanos - openedNanos) / 1e9;
        return new LoadFigures(succeeded.get() / seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), succeeded.get(), failed.get());
    }

    /**
     * What one window measured.
     *
     * @param failed answers in the window that were not a success (timeouts, no leader)
     */
    record LoadFigures(double opsPerSecond, double p50Millis, double p99Millis, long succeeded,
                       long failed) {
    }
}
