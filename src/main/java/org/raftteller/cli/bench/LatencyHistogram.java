package org.raftteller.cli.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, counted in log-linear buckets: exact below 128 µs, then 64 buckets
 * per power of two, so any value is known to within 1/64 (1.6 %) of itself. A fixed 30 KiB
 * whatever the run's length, where keeping every sample of a 90,000 ops/s run would take
 * megabytes and disturb the memory figure.
 *
 * <p>Safe to record into from any thread.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS; // 64
    /** Enough buckets for any non-negative long. */
    private static final int BUCKETS = (64 - SUB_BITS) * SUB + 2 * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos) / 1_000);
    }

    void recordMicros(long micros) {
        counts.incrementAndGet(bucketOf(Math.max(0, micros)));
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The nearest-rank percentile in milliseconds: the value at or below which {@code percent} of
     * the samples lie, as the middle of its bucket; NaN when nothing was recorded.
     */
    double percentileMillis(double percent) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Percentiles.nearestRank(percent, n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (lowerBound(i) + upperBound(i)) / 2.0 / 1_000.0;
            }
        }
        throw new AssertionError("rank " + rank + " beyond " + n + " samples");
    }

    static int bucketOf(long micros) {
        if (micros < 2 * SUB) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        return shift * SUB + (int) (micros >>> shift);
    }

    static long lowerBound(int bucket) {
        if (bucket < 2 * SUB) {
            return bucket;
        }
        int shift = bucket / SUB - 1;
        long mantissa = bucket - (long) shift * SUB;
        return mantissa << shift;
    }

    static long upperBound(int bucket) {
        if (bucket < 2 * SUB) {
            return bucket;
        }
        int shift = bucket / SUB - 1;
        long mantissa = bucket - (long) shift * SUB;
        return ((mantissa + 1) << shift) - 1;
    }
}
