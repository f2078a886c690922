package org.raftteller.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.raftteller.cluster.Answer;
import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.LocalCluster;
import org.raftteller.cluster.Tempo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's handle on its cluster. Starting, crashing, reviving, pausing and closing can each
 * take a while (a crash waits for the node's loop to stop, a revive reopens its disk), so they run
 * one after another on a control thread of their own and never on the JavaFX thread. Every method
 * returns at once with a future; callers bring results back with {@code Platform.runLater}.
 */
public final class ClusterSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSession.class);

    /** Answers give up after this long, in case a node never answers at all. */
    static final long ANSWER_TIMEOUT_SECONDS = 20;

    private final LocalCluster.Options options;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        // Not a daemon: the process waits for the cluster to close before it exits.
        Thread t = new Thread(r, "raft-teller-control");
        t.setDaemon(false);
        return t;
    });
    private volatile LocalCluster cluster;
    private volatile boolean closing;

    public ClusterSession(LocalCluster.Options options) {
        this.options = options;
    }

    public LocalCluster.Options options() {
        return options;
    }

    /** Starts the nodes; {@code listener} hears every event from the first one on. */
    public CompletableFuture<Void> start(Consumer<ClusterEvent> listener) {
        return CompletableFuture.runAsync(() -> {
            if (closing) {
                return;
            }
            cluster = LocalCluster.start(options, listener);
            LOG.info("visualiser: {} nodes started at the {} tempo in {}", options.size(),
                    options.tempo().label(), cluster.dataDir());
        }, control);
    }

    public boolean isStarted() {
        return cluster != null && !closing;
    }

    public CompletableFuture<Answer> credit(int node, long cents) {
        return operation(node, c -> c.credit(node, cents));
    }

    public CompletableFuture<Answer> debit(int node, long cents) {
        return operation(node, c -> c.debit(node, cents));
    }

    public CompletableFuture<Answer> balance(int node) {
        return operation(node, c -> c.balance(node));
    }

    public CompletableFuture<Void> crash(int node) {
        return onControl(c -> {
            c.crash(node);
            return null;
        });
    }

    public CompletableFuture<Void> revive(int node) {
        return onControl(c -> {
            c.revive(node);
            return null;
        });
    }

    /** Crashes the leader; the future gives its id, or 0 when there was none. */
    public CompletableFuture<Integer> killLeader() {
        return onControl(LocalCluster::killLeader);
    }

    public CompletableFuture<Void> pause() {
        return onControl(c -> {
            c.pause();
            return null;
        });
    }

    public CompletableFuture<Void> resume() {
        return onControl(c -> {
            c.resume();
            return null;
        });
    }

    public CompletableFuture<Void> setTempo(Tempo tempo) {
        return onControl(c -> {
            c.setTempo(tempo);
            return null;
        });
    }

    /**
     * Stops every node and then the control thread. Safe to call more than once; the future
     * completes when nothing of the cluster runs any more.
     */
    public CompletableFuture<Void> close() {
        closing = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            control.execute(() -> {
                try {
                    LocalCluster c = cluster;
                    if (c != null) {
                        c.close();
                    }
                    LOG.info("visualiser: cluster closed");
                } finally {
                    done.complete(null);
                }
            });
            control.shutdown();
        } catch (java.util.concurrent.RejectedExecutionException alreadyClosed) {
            awaitControl();
            done.complete(null);
        }
        return done;
    }

    private void awaitControl() {
        try {
            control.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Answer> operation(int node,
                                                Function<LocalCluster, CompletableFuture<Answer>> op) {
        LocalCluster c = cluster;
        if (c == null || closing) {
            return CompletableFuture.completedFuture(new Answer(false, "unavailable",
                    "the cluster is not running.", null, null, null, node, null));
        }
        // The cluster's calls only hand the request to the node's loop; they do not block.
        return op.apply(c).orTimeout(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private <T> CompletableFuture<T> onControl(Function<LocalCluster, T> action) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                LocalCluster c = cluster;
                if (c == null || closing) {
                    throw new IllegalStateException("the cluster is not running");
                }
                return action.apply(c);
            }, control);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the window is closing"));
        }
    }
}
