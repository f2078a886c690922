package org.raftteller.cli.bench;

import java.util.concurrent.TimeUnit;

/** A running load: it stops submitting when its measurement stops, then drains. */
interface LoadGenerator extends AutoCloseable {

    /** Waits until every request in flight has its answer; false if the time ran out. */
    boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException;

    /** Releases what the load holds (connections, threads). */
    @Override
    void close();
}
