package org.raftteller.ui.model;

/**
 * The cluster's time as the picture shows it: it runs with the frame clock and stands still
 * while the cluster is paused, so a message marker or an election timer frozen by Pause picks up
 * where it stopped. In nanoseconds; JavaFX thread only.
 */
public final class ClusterClock {

    private long pausedTotal;
    private long pausedSince = -1;
    private long lastFrame;

    /** Cluster time at the frame time {@code frameNanos}. */
    public long at(long frameNanos) {
        lastFrame = Math.max(lastFrame, frameNanos);
        long stopped = pausedSince >= 0 ? frameNanos - pausedSince : 0;
        return frameNanos - pausedTotal - stopped;
    }

    /** Cluster time at the latest frame seen. */
    public long now() {
        return at(lastFrame);
    }

    public void pause(long frameNanos) {
        if (pausedSince < 0) {
            pausedSince = frameNanos;
        }
    }

    public void resume(long frameNanos) {
        if (pausedSince >= 0) {
            pausedTotal += Math.max(0, frameNanos - pausedSince);
            pausedSince = -1;
        }
    }

    public boolean isPaused() {
        return pausedSince >= 0;
    }
}
