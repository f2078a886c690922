package org.raftteller.cluster;

import org.raftteller.node.Timing;

/** The speeds a cluster can run at, as the timing presets of the design name them. */
public enum Tempo {
    REAL(Timing.REAL),
    CLASSROOM(Timing.CLASSROOM),
    SLOW_MOTION(Timing.SLOW_MOTION);

    private final Timing timing;

    Tempo(Timing timing) {
        this.timing = timing;
    }

    Timing timing() {
        return timing;
    }

    public String label() {
        return timing.name();
    }

    public int electionMinMillis() {
        return timing.electionMinMillis();
    }

    public int electionMaxMillis() {
        return timing.electionMaxMillis();
    }

    public int heartbeatMillis() {
        return timing.heartbeatMillis();
    }

    public int transitMillis() {
        return timing.transitMillis();
    }

    public int tickMillis() {
        return timing.tickMillis();
    }

    @Override
    public String toString() {
        return label();
    }
}
