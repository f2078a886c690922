package org.raftteller.ui.pump;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javafx.animation.AnimationTimer;

import org.raftteller.cluster.ClusterEvent;

/**
 * The one way cluster events reach the screen. The nodes' threads {@link #offer} events into a
 * lock-free queue and return at once; one {@link AnimationTimer} drains the queue on the JavaFX
 * thread each frame and hands the whole batch to the view models, then lets the views draw.
 *
 * <p>Nothing is dropped: when more than {@link #MAX_PER_FRAME} events wait, the rest stay queued
 * for the next frame, so a burst slows the picture down rather than losing part of it.
 */
public final class EventPump {

    /** At most this many events are applied in one frame, so one frame never takes too long. */
    static final int MAX_PER_FRAME = 50_000;

    /** Told about each frame after its batch is applied; on the JavaFX thread. */
    public interface FrameListener {
        void frame(long nowNanos);
    }

    private final Queue<ClusterEvent> queue = new ConcurrentLinkedQueue<>();
    private final BatchSink sink;
    private final List<FrameListener> frameListeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pump(now);
        }
    };
    private boolean running;
    private long lastWorkNanos;
    private int lastBatchSize;

    /** Receives each frame's events, in the order the nodes published them. */
    public interface BatchSink {
        void apply(List<ClusterEvent> batch, long nowNanos);
    }

    public EventPump(BatchSink sink) {
        this.sink = sink;
    }

    /** Queues an event; from any thread, never blocks. */
    public void offer(ClusterEvent event) {
        queue.add(event);
    }

    /** The listener to give the cluster: it only queues. */
    public Consumer<ClusterEvent> listener() {
        return this::offer;
    }

    public void addFrameListener(FrameListener listener) {
        frameListeners.add(listener);
    }

    public void removeFrameListener(FrameListener listener) {
        frameListeners.remove(listener);
    }

    /** Starts draining, one batch per frame; on the JavaFX thread. */
    public void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Stops the timer; events still queued are discarded with the pump. */
    public void stop() {
        running = false;
        timer.stop();
        queue.clear();
    }

    public boolean isRunning() {
        return running;
    }

    /** How many events wait for the next frame; for tests and the frame-time probe. */
    public int backlog() {
        return queue.size();
    }

    /** How long the last frame's work took on the JavaFX thread: applying and drawing, in ns. */
    public long lastWorkNanos() {
        return lastWorkNanos;
    }

    /** How many events the last frame applied. */
    public int lastBatchSize() {
        return lastBatchSize;
    }

    void pump(long now) {
        long started = System.nanoTime();
        List<ClusterEvent> batch = new ArrayList<>(Math.min(queue.size() + 16, MAX_PER_FRAME));
        ClusterEvent e;
        while (batch.size() < MAX_PER_FRAME && (e = queue.poll()) != null) {
            batch.add(e);
        }
        sink.apply(batch, now);
        for (FrameListener l : frameListeners) {
            l.frame(now);
        }
        lastBatchSize = batch.size();
        lastWorkNanos = System.nanoTime() - started;
    }
}
