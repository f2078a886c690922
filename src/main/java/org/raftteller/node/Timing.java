package org.raftteller.node;

import java.util.List;
import java.util.Locale;

/**
 * How fast a node's clock runs. The algorithm counts ticks; a preset says how long a tick lasts,
 * how many ticks make an election timeout and a heartbeat, and how long each message is held in
 * transit so that people can watch it travel. A preset scales time; the algorithm is the same.
 *
 * @param transitMillis added delay per message; 0 sends at once
 */
public record Timing(String name, int tickMillis, int electionTicksMin, int electionTicksMax,
                     int heartbeatTicks, int transitMillis) {

    /** 150–300 ms elections, 50 ms heartbeats: for headless nodes and benchmarks. */
    public static final Timing REAL = new Timing("Real", 10, 15, 30, 5, 0);
    /** 1.5–3 s elections, 500 ms heartbeats, 300 ms per message: dots visibly travel. */
    public static final Timing CLASSROOM = new Timing("Classroom", 100, 15, 30, 5, 300);
    /** 5–10 s elections, 2 s heartbeats, 1 s per message: one step at a time. */
    public static final Timing SLOW_MOTION = new Timing("Slow motion", 250, 20, 40, 8, 1000);

    public static final List<Timing> PRESETS = List.of(REAL, CLASSROOM, SLOW_MOTION);

    public Timing {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("a tick must last at least 1 ms");
        }
        if (heartbeatTicks < 1 || electionTicksMin <= heartbeatTicks
                || electionTicksMax <= electionTicksMin) {
            throw new IllegalArgumentException("need 1 <= heartbeat < election minimum < maximum, got "
                    + heartbeatTicks + ", " + electionTicksMin + ", " + electionTicksMax + " ticks");
        }
        if (transitMillis < 0) {
            throw new IllegalArgumentException("transit delay must not be negative");
        }
    }

    /**
     * Timing from the command line's milliseconds: a tick is a fifth of the heartbeat, so the
     * timeouts keep their proportions.
     */
    public static Timing fromMillis(int electionMinMillis, int electionMaxMillis, int heartbeatMillis) {
        if (heartbeatMillis < 1 || electionMinMillis <= heartbeatMillis
                || electionMaxMillis <= electionMinMillis) {
            throw new IllegalArgumentException("the election timeout must be a range above the "
                    + "heartbeat, like 150-300 with a heartbeat of 50; got " + electionMinMillis
                    + "-" + electionMaxMillis + " and " + heartbeatMillis);
        }
        int tick = Math.max(1, heartbeatMillis / 5);
        return new Timing("Custom", tick, Math.max(electionMinMillis / tick, 2),
                Math.max(electionMaxMillis / tick, electionMinMillis / tick + 1),
                Math.max(heartbeatMillis / tick, 1), 0);
    }

    /** The preset named {@code name} (case and spaces ignored), for the GUI and command line. */
    public static Timing preset(String name) {
        String wanted = name.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (Timing t : PRESETS) {
            if (t.name.replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tempo \"" + name
                + "\"; choose Real, Classroom or Slow motion");
    }

    public Timing withTransit(int millis) {
        return new Timing(name, tickMillis, electionTicksMin, electionTicksMax, heartbeatTicks, millis);
    }

    public int electionMinMillis() {
        return electionTicksMin * tickMillis;
    }

    public int electionMaxMillis() {
        return electionTicksMax * tickMillis;
    }

    public int heartbeatMillis() {
        return heartbeatTicks * tickMillis;
    }

    @Override
    public String toString() {
        return name + " (elections " + electionMinMillis() + "-" + electionMaxMillis()
                + " ms, heartbeat " + heartbeatMillis() + " ms, transit " + transitMillis + " ms)";
    }
}
