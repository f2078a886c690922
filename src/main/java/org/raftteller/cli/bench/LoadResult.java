package org.raftteller.cli.bench;

/**
 * One load level's figures.
 *
 * @param load       requests kept in flight (leader-direct) or clients (TCP)
 * @param opsPerSecond committed operations per second in the measured window
 * @param failed     answers in the window that were not a success
 */
public record LoadResult(int load, boolean fsync, double opsPerSecond, double p50Millis,
                         double p99Millis, long failed) {
}
