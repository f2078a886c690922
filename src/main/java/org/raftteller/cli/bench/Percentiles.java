package org.raftteller.cli.bench;

import java.util.Arrays;

/**
 * Percentiles by nearest rank: the p-th percentile of n samples is the smallest sample with at
 * least p % of all samples at or below it. It is always a value that was observed, which suits
 * latencies; for ten failovers the p50 is the fifth fastest.
 */
final class Percentiles {

    private Percentiles() {
    }

    /** The 1-based rank of the p-th percentile among {@code n} sorted samples. */
    static long nearestRank(double percent, long n) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + percent);
        }
        if (n < 1) {
            throw new IllegalArgumentException("no samples");
        }
        return Math.max(1, (long) Math.ceil(percent / 100.0 * n - 1e-9));
    }

    /** The p-th percentile of {@code samples}, which it does not modify. */
    static double of(double[] samples, double percent) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) nearestRank(percent, sorted.length) - 1];
    }

    static double max(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return Arrays.stream(samples).max().getAsDouble();
    }
}
