package org.raftteller.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hears every BecameLeader event of a cluster, stamped with {@link System#nanoTime()} on the
 * winning node's own thread as it publishes the event: the precise moment a node won.
 */
final class LeaderWatch {

    /** Node {@code node} became leader of {@code term} at {@code nanos}. */
    record Won(int node, long term, long nanos) {
    }

    private final List<Won> wins = new ArrayList<>();

    /** Node {@code node} has just won the election for {@code term}; from its event loop. */
    void won(int node, long term) {
        long now = System.nanoTime();
        synchronized (this) {
            wins.add(new Won(node, term, now));
            notifyAll();
        }
    }

    /**
     * The first win of a term above {@code afterTerm}, waiting for it up to {@code timeout}; null
     * if none came in time.
     */
    synchronized Won awaitWinAfter(long afterTerm, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            for (Won w : wins) {
                if (w.term() > afterTerm) {
                    return w;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** How many times any node won an election so far. */
    synchronized int wins() {
        return wins.size();
    }
}
