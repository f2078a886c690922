package org.raftteller.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void theMedianOfTenFailoversIsTheFifthFastest() {
        double[] samples = {300, 120, 250, 180, 210, 190, 400, 160, 230, 170};

        double p50 = Percentiles.of(samples, 50);

        assertThat(p50).isEqualTo(190);
    }

    @Test
    void nearestRankIsTheSmallestRankCoveringThePercentage() {
        assertThat(Percentiles.nearestRank(50, 10)).isEqualTo(5);
        assertThat(Percentiles.nearestRank(50, 11)).isEqualTo(6);
        assertThat(Percentiles.nearestRank(99, 100)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(99, 1_000)).isEqualTo(990);
        assertThat(Percentiles.nearestRank(99, 10)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(100, 7)).isEqualTo(7);
        assertThat(Percentiles.nearestRank(0.001, 7)).isEqualTo(1);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        double[] one = {42};

        assertThat(Percentiles.of(one, 1)).isEqualTo(42);
        assertThat(Percentiles.of(one, 99)).isEqualTo(42);
        assertThat(Percentiles.max(one)).isEqualTo(42);
    }

    @Test
    void percentilesLeaveTheSamplesInTheirOrder() {
        double[] samples = {3, 1, 2};

        Percentiles.of(samples, 50);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void percentilesOutsideTheRangeOrOfNothingAreRefused() {
        assertThatThrownBy(() -> Percentiles.nearestRank(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(101, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.nearestRank(50, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.max(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
