package org.raftteller.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInsideItsBucketsBounds() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = i < 1_000 ? i : random.nextLong(1L << random.nextInt(1, 62));
            int b = LatencyHistogram.bucketOf(v);

            assertThat(LatencyHistogram.lowerBound(b)).as("lower bound of %d", v).isLessThanOrEqualTo(v);
            assertThat(LatencyHistogram.upperBound(b)).as("upper bound of %d", v).isGreaterThanOrEqualTo(v);
        }
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isLessThan(3_840);
    }

    @Test
    void bucketsTileTheNumbersWithoutGapsOrOverlaps() {
        for (int b = 0; b < 3_000; b++) {
            assertThat(LatencyHistogram.lowerBound(b + 1))
                    .as("bucket %d follows %d", b + 1, b)
                    .isEqualTo(LatencyHistogram.upperBound(b) + 1);
        }
    }

    @Test
    void bucketsAreNoWiderThanAOneAndAHalfPercentOfTheirValues() {
        for (int b = 128; b < 3_000; b++) {
            long width = LatencyHistogram.upperBound(b) - LatencyHistogram.lowerBound(b) + 1;

            assertThat((double) width / LatencyHistogram.lowerBound(b)).isLessThanOrEqualTo(1 / 64.0);
        }
    }

    @Test
    void percentilesAgreeWithTheExactOnesWithinTheBucketWidth() {
        SplittableRandom random = new SplittableRandom(11);
        LatencyHistogram histogram = new LatencyHistogram();
        double[] exactMillis = new double[50_000];
        for (int i = 0; i < exactMillis.length; i++) {
            long micros = 200 + (long) (random.nextDouble() * random.nextDouble() * 50_000);
            histogram.recordMicros(micros);
            exactMillis[i] = micros / 1_000.0;
        }
        Arrays.sort(exactMillis);

        for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
            double exact = Percentiles.of(exactMillis, p);
            assertThat(histogram.percentileMillis(p)).as("p%s", p)
                    .isCloseTo(exact, within(exact / 64 + 0.001));
        }
        assertThat(histogram.count()).isEqualTo(50_000);
    }

    @Test
    void smallLatenciesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(40_000);
        histogram.recordNanos(90_000);
        histogram.recordNanos(-5);

        assertThat(histogram.percentileMillis(100)).isEqualTo(0.090);
        assertThat(histogram.percentileMillis(50)).isEqualTo(0.040);
        assertThat(histogram.percentileMillis(1)).isEqualTo(0.0);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new LatencyHistogram().percentileMillis(50)).isNaN();
    }
}
