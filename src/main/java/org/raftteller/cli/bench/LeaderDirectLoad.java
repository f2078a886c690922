package org.raftteller.cli.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.raftteller.node.client.OperationResult;

/**
 * Keeps a fixed number of credits in flight on one node, handed straight to its
 * {@code RaftServer.execute} with no client connection in between: each answer immediately starts
 * the next request, on the thread that completed it (the node's event loop).
 */
final class LeaderDirectLoad implements LoadGenerator {

    private final Supplier<CompletableFuture<OperationResult>> submit;
    private final int inFlight;
    private final Measurement measurement;
    private final AtomicInteger outstanding = new AtomicInteger();

    /**
     * @param submit starts one credit on the leader and gives its answer
     */
    LeaderDirectLoad(Supplier<CompletableFuture<OperationResult>> submit, int inFlight,
                     Measurement measurement) {
        this.submit = submit;
        this.inFlight = inFlight;
        this.measurement = measurement;
    }

    void start() {
        outstanding.set(inFlight);
        for (int i = 0; i < inFlight; i++) {
            next();
        }
    }

    private void next() {
        if (!measurement.running()) {
            outstanding.decrementAndGet();
            return;
        }
        long start = System.nanoTime();
        submit.get().whenComplete((answer, failure) -> {
            boolean ok = failure == null && answer.ok();
            measurement.completed(start, ok, ok ? null
                    : failure != null ? failure.toString() : answer.error().wireName());
            next();
        });
    }

    /** Waits until every chain has seen the stop and its last request is answered. */
    @Override
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        // Nothing to release: the requests ran on the nodes' own threads.
    }
}
