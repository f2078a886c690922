package org.raftteller.cli.bench;

import java.util.List;

/**
 * How the benchmark runs.
 *
 * @param warmupSeconds  load before each measured window, not counted
 * @param measureSeconds the measured window of each load level
 * @param crashes        how many times the leader is crashed to time the failover
 * @param spreadClients  TCP clients spread over all five nodes (followers forward to the
 *                       leader) instead of all connecting to the leader
 * @param quick          a smoke run: shorter windows and fewer crashes unless given
 */
public record BenchSettings(double warmupSeconds, double measureSeconds, int crashes,
                            boolean spreadClients, boolean quick) {

    public static final int NODES = 5;
    public static final List<Integer> IN_FLIGHT = List.of(1, 16, 256);
    public static final List<Integer> CLIENTS = List.of(16, 256);

    public static final double DEFAULT_WARMUP = 3;
    public static final double DEFAULT_MEASURE = 10;
    public static final int DEFAULT_CRASHES = 10;
    public static final double QUICK_WARMUP = 1;
    public static final double QUICK_MEASURE = 2;
    public static final int QUICK_CRASHES = 3;

    public BenchSettings {
        if (!(warmupSeconds >= 0) || warmupSeconds > 600) {
            throw new IllegalArgumentException("the warm-up must be 0 to 600 seconds, not "
                    + warmupSeconds);
        }
        if (!(measureSeconds > 0) || measureSeconds > 600) {
            throw new IllegalArgumentException("the measured window must be above 0 and at most "
                    + "600 seconds, not " + measureSeconds);
        }
        if (crashes < 1 || crashes > 1_000) {
            throw new IllegalArgumentException("crashes must be 1 to 1000, not " + crashes);
        }
    }

    /** The defaults, or the quick ones, with whatever was given explicitly (null: not given). */
    public static BenchSettings of(boolean quick, Double warmup, Double measure, Integer crashes,
                                   boolean spread) {
        return new BenchSettings(
                warmup != null ? warmup : quick ? QUICK_WARMUP : DEFAULT_WARMUP,
                measure != null ? measure : quick ? QUICK_MEASURE : DEFAULT_MEASURE,
                crashes != null ? crashes : quick ? QUICK_CRASHES : DEFAULT_CRASHES,
                spread, quick);
    }

    public String tcpTarget() {
        return spreadClients ? "spread over all five nodes; followers forward to the leader"
                : "the leader";
    }
}
