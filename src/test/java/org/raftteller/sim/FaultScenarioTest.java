package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients keep being served through the faults a real network and real machines have: lost,
 * duplicated and reordered messages, and servers that crash and come back again and again. The
 * checker watches every step; at the end every fault heals and every acknowledged write must be
 * in the final log.
 */
class FaultScenarioTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "drop {0}, duplicate {1}, delay {2}-{3} ms, seed {4}")
    @CsvSource({
        "0.10, 0.00,  1,  10, 1", "0.10, 0.00,  1,  10, 2", "0.10, 0.00,  1,  10, 3",
        "0.20, 0.05,  1,  40, 1", "0.20, 0.05,  1,  40, 2", "0.20, 0.05,  1,  40, 3",
        "0.00, 0.30,  1,  10, 1", "0.00, 0.30,  1,  10, 2", "0.00, 0.30,  1,  10, 3",
        "0.00, 0.00,  1, 100, 1", "0.00, 0.00,  1, 100, 2", "0.00, 0.00,  1, 100, 3",
        "0.15, 0.10, 1,  60, 1", "0.15, 0.10, 1,  60, 2", "0.15, 0.10, 1,  60, 3",
    })
    void clientsAreServedCorrectlyOnALossyDuplicatingReorderingNetwork(double drop,
            double duplicate, int minDelay, int maxDelay, long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        cluster.setNetwork(new SimCluster.Network(drop, duplicate, minDelay, maxDelay));
        cluster.startClients(4);

        cluster.runFor(3_000);
        int completed = cluster.completedOperations();
        int acknowledged = cluster.checker().acknowledgedWrites();
        boolean settled = cluster.settle(5_000);

        assertThat(completed).as("operations completed on the faulty network")
                .isGreaterThan(80);
        assertThat(acknowledged).as("writes among them").isGreaterThan(40);
        assertThat(settled).as("agreed again, every acknowledged write in the log").isTrue();
        int leader = cluster.leader();
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id)).isEqualTo(cluster.committedLog(leader));
            assertThat(cluster.balance(id)).isEqualTo(cluster.balance(leader));
        }
    }

    /**
     * Every 150 ms one server crashes, the leader as often as not, and the one that crashed
     * before it comes back; at most two are down at once, so a majority is always up.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void clientsAreServedWhileServersCrashAndRestartOverAndOver(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        SplittableRandom plan = new SplittableRandom(seed);
        cluster.startClients(4);
        ArrayDeque<Integer> down = new ArrayDeque<>();
        int crashes = 0;
        int leaderCrashes = 0;

        while (cluster.now() < 4_000) {
            cluster.runFor(150);
            int leader = cluster.leader();
            int victim = leader != 0 && plan.nextBoolean() ? leader
                    : cluster.ids().get(plan.nextInt(cluster.ids().size()));
            if (cluster.isUp(victim)) {
                cluster.crash(victim);
                down.addLast(victim);
                crashes++;
                leaderCrashes += victim == leader ? 1 : 0;
            }
            if (down.size() > 1) {
                cluster.restart(down.pollFirst());
            }
        }
        int completed = cluster.completedOperations();
        boolean settled = cluster.settle(5_000);

        assertThat(crashes).isGreaterThan(15);
        assertThat(leaderCrashes).isGreaterThan(5);
        assertThat(completed).as("operations completed during the churn").isGreaterThan(40);
        assertThat(settled).as("agreed again, every acknowledged write in the log").isTrue();
        assertThat(cluster.checker().acknowledgedWrites()).isGreaterThan(20);
        int leader = cluster.leader();
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id)).isEqualTo(cluster.committedLog(leader));
            assertThat(cluster.balance(id)).isEqualTo(cluster.balance(leader));
        }
    }
}
