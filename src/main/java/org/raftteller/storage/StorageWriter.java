package org.raftteller.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the node's event loop hands over what to persist and never waits for the disk.
 * One writer thread takes everything queued, writes it all, syncs once, then reports each
 * submission durable in the order it was submitted. While one fsync runs, the next batch
 * gathers, so under load many submissions share each fsync.
 *
 * <p>A failed write or sync is fatal: the error callback hears of it, the submissions not yet
 * durable are dropped (their callbacks never run) and no more are accepted. A node must not
 * answer as if its state were stable when the disk refused it.
 *
 * <p>Callbacks and the error run through the executor given at construction, so the node sees
 * them on its own event loop. That executor must run tasks in the order given, as a
 * single-threaded event loop does; each batch is one task.
 */
public final class StorageWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageWriter.class);

    private record Submission(HardState hardState, List<Entry> entries, Runnable onDurable) {
    }

    private final String name;
    private final StableStore store;
    private final Executor executor;
    private final Consumer<Throwable> onFatal;
    private final Thread thread;
    private final AtomicLong syncCount = new AtomicLong();

    // Guarded by this: the writer swaps the whole list out, so submit holds the lock briefly.
    private List<Submission> queue = new ArrayList<>();
    private boolean closing;
    private Throwable failure;

    /**
     * Starts the writer thread.
     *
     * @param name     who this writer works for, for its thread name and log lines ("node 2")
     * @param store    where to persist; this writer is its only user from now on
     * @param executor runs the onDurable callbacks and the error callback, in order
     * @param onFatal  told once about a failed write or sync
     */
    public StorageWriter(String name, StableStore store, Executor executor,
            Consumer<Throwable> onFatal) {
        this.name = name;
        this.store = store;
        this.executor = executor;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "storage-writer " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a hard state (or null) and entries to persist; {@code onDurable} runs on the
     * executor once they are on disk. Returns at once.
     *
     * @throws IllegalStateException if the writer is closed or has failed
     */
    public void submit(HardState hardStateOrNull, List<Entry> entries, Runnable onDurable) {
        Submission submission = new Submission(hardStateOrNull, List.copyOf(entries), onDurable);
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException(name + ": storage writer stopped after a failure",
                        failure);
            }
            if (closing) {
                throw new IllegalStateException(name + ": storage writer is closed");
            }
            queue.add(submission);
            notifyAll();
        }
    }

    /** How many syncs the writer has done; fewer than submissions when group commit works. */
    public long syncCount() {
        return syncCount.get();
    }

    /**
     * Stops accepting submissions, lets the writer make everything already submitted durable,
     * and waits for its thread to end. Callbacks may still be queued on the executor.
     */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (List<Submission> batch = nextBatch(); batch != null; batch = nextBatch()) {
                write(batch);
            }
        } catch (Exception | Error e) {
            fail(e);
        }
    }

    /** Waits for work; null once closing and drained. */
    private synchronized List<Submission> nextBatch() throws InterruptedException {
        while (queue.isEmpty() && !closing) {
            wait();
        }
        if (queue.isEmpty()) {
            return null;
        }
        List<Submission> batch = queue;
        queue = new ArrayList<>();
        return batch;
    }

    private void write(List<Submission> batch) throws Exception {
        for (Submission submission : batch) {
            store.persist(submission.hardState(), submission.entries());
        }
        store.sync();
        syncCount.incrementAndGet();
        LOG.trace("{}: synced a batch of {} submission(s)", name, batch.size());

        deliver(batch.size() + " durable callback(s)", () -> {
            for (Submission submission : batch) {
                runCallback(submission.onDurable());
            }
        });
    }

    private void runCallback(Runnable onDurable) {
        try {
            onDurable.run();
        } catch (RuntimeException e) {
            // One broken callback must not keep the later ones, already durable, from running.
            LOG.error("{}: a durable callback failed", name, e);
        }
    }

    private void fail(Throwable cause) {
        int dropped;
        synchronized (this) {
            failure = cause;
            dropped = queue.size();
            queue = new ArrayList<>();
        }
        LOG.error("{}: storage write failed; dropping {} queued submission(s) and the batch in "
                + "progress, accepting no more", name, dropped, cause);
        deliver("the storage failure", () -> onFatal.accept(cause));
    }

    private void deliver(String what, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: dropped {}: the executor is shut down", name, what);
        }
    }
}
