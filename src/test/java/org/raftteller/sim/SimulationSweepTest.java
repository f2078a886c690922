package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.RaftConfig;

/**
 * Runs the real core and bank through thousands of random fault schedules: lost, late,
 * duplicated and reordered messages, partitions (one-way too), crashes and restarts, with clients
 * busy all along. The checker looks at every step; a failure names its seed and how to replay it.
 *
 * <p>{@code -Draft.sim.seeds=N} sets how many seeds run (a large N makes a soak);
 * {@code -Draft.sim.seed=S} replays seed S alone.
 */
class SimulationSweepTest {

    private static final long RUN_MILLIS = 2_500;
    private static final long SETTLE_MILLIS = 30_000;

    @Test
    void randomFaultSchedulesNeverBreakSafety() {
        long only = Long.getLong("raft.sim.seed", -1);
        int seeds = Integer.getInteger("raft.sim.seeds", 2_000);
        long first = only >= 0 ? only : 1;
        long count = only >= 0 ? 1 : seeds;

        long acknowledged = 0;
        long elections = 0;
        for (long seed = first; seed < first + count; seed++) {
            SimCluster cluster;
            try {
                cluster = run(seed);
            } catch (Throwable t) {
                throw new AssertionError("simulation seed " + seed + " failed: " + t.getMessage()
                        + "\nreplay it with: mvn -B test -Dtest=SimulationSweepTest -Draft.sim.seed="
                        + seed, t);
            }
            acknowledged += cluster.checker().acknowledgedWrites();
            elections += cluster.sentByKind().getOrDefault("VoteRequest", 0) > 0 ? 1 : 0;
        }

        // The sweep must have exercised something: clients were answered and elections held.
        assertThat(acknowledged).isGreaterThan(count * 5);
        assertThat(elections).isEqualTo(count);
    }

    /** One run with a fault schedule drawn from the seed. */
    static SimCluster run(long seed) {
        return run(seed, cluster -> { });
    }

    /**
     * One run with a fault schedule drawn from the seed; {@code setUp} sees the cluster before
     * anything happens in it, to attach observers.
     */
    static SimCluster run(long seed, Consumer<SimCluster> setUp) {
        SplittableRandom plan = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        int size = plan.nextInt(4) == 0 ? 3 : 5;
        // Pre-Vote and CheckQuorum hide some mistakes of the plain protocol: run without them too.
        RaftConfig config = RaftConfig.of(1, IntStream.rangeClosed(1, size).boxed().toList())
                .withPreVote(plan.nextBoolean())
                .withCheckQuorum(plan.nextBoolean())
                .withReplication(1 + plan.nextInt(8), 1 + plan.nextInt(8));
        SimCluster cluster = new SimCluster(config, seed);
        setUp.accept(cluster);
        cluster.setNetwork(new SimCluster.Network(plan.nextDouble() * 0.15,
                plan.nextDouble() * 0.05, 1, 5 + plan.nextInt(40)));
        cluster.startClients(1 + plan.nextInt(5));

        while (cluster.now() < RUN_MILLIS) {
            cluster.runFor(50 + plan.nextInt(300));
            int id = 1 + plan.nextInt(size);
            int leader = cluster.leader();
            switch (plan.nextInt(9)) {
                case 0 -> cluster.crash(id);
                case 1, 2 -> cluster.restart(id);
                case 3 -> cluster.partition(randomSide(plan, size));
                case 4 -> cluster.cutOneWay(id, 1 + plan.nextInt(size));
                case 5 -> cluster.heal();
                case 6 -> cluster.isolate(leader == 0 ? id : leader);
                case 7 -> cluster.crash(leader == 0 ? id : leader);
                default -> { }
            }
        }

        if (!cluster.settle(SETTLE_MILLIS)) {
            throw new AssertionError("the cluster did not agree again within " + SETTLE_MILLIS
                    + " ms of healing every fault (leader " + cluster.leader() + ")");
        }
        return cluster;
    }

    private static int[] randomSide(SplittableRandom plan, int size) {
        return plan.ints(1 + plan.nextInt(size - 1), 1, size + 1).distinct().toArray();
    }
}
