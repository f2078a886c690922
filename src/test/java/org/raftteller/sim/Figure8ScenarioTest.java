package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.RaftConfig;

/**
 * Figure 8 of the Raft paper, built step by step with crashes and partitions: an entry of an
 * earlier term that sits on a majority is still not committed, because a server that lacks it
 * can yet be elected and overwrite it. A leader commits such an entry only by committing one of
 * its own term after it (section 5.4.2).
 *
 * <p>The paper's servers S1 to S5 are roles here, not ids: the seed decides who wins each
 * election, and the scenario follows. A leader's no-op (section 8) plays the part of the
 * paper's entries of the leader's own term. AppendRequests carry one entry each, so the entry of
 * the old term can reach a follower without the no-op behind it.
 */
class Figure8ScenarioTest {

    private static final RaftConfig ONE_ENTRY_PER_APPEND =
            RaftConfig.of(1, List.of(1, 2, 3, 4, 5)).withReplication(1, 8);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    /** Figure 8 (a) to (d): the entry of term 2 on a majority is overwritten, as it may be. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anOldTermEntryOnAMajorityIsNotCommittedAndMayBeOverwritten(long seed) {
        Figure8 f = new Figure8(seed);
        f.stepsAToC();

        f.cluster.runUntil(() -> f.cluster.durableLog(f.s3).size() >= 2, 500);
        // S3 holds the old entry; the no-op of the current term will not follow it.
        f.cluster.cutOneWay(f.leader, f.s3);
        f.cluster.runFor(20);

        int[] holders = f.holdersOfOldEntry();
        assertThat(holders).as("the old entry is on a majority").hasSizeGreaterThanOrEqualTo(3);
        assertThat(f.cluster.raft(f.leader).status().followers().get(f.s3).matchIndex())
                .as("and the leader knows it").isEqualTo(2);
        assertThat(f.cluster.raft(f.leader).commitIndex())
                .as("yet it does not count replicas of an entry of an earlier term")
                .isLessThan(2);
        assertThat(f.cluster.checker().committedCount()).isEqualTo(1);

        // (d) The leader crashes; S5, its log ending in a later term, wins with S3's votes
        // and S4's.
        f.cluster.crash(f.leader);
        f.cluster.crash(f.otherHolder);
        f.cluster.heal();
        f.cluster.restart(f.s5);
        int s5Leads = f.cluster.runUntilStableLeader(2_000);

        assertThat(s5Leads).isEqualTo(f.s5);
        assertThat(f.cluster.committedLog(f.s5).get(1)).as("index 2 now holds S5's entry")
                .isEqualTo(f.s5Entry);
        assertThat(f.cluster.log(f.s3).get(1)).isEqualTo(f.s5Entry);

        f.cluster.restart(f.leader);
        f.cluster.restart(f.otherHolder);
        boolean agreed = f.cluster.runUntil(() -> f.cluster.converged() && f.cluster.ids()
                .stream().allMatch(id -> f.cluster.log(id).equals(f.cluster.log(f.s5))), 2_000);

        assertThat(agreed).isTrue();
        assertThat(f.cluster.ids()).allMatch(id -> !f.cluster.log(id).contains(f.oldEntry));
    }

    /**
     * Figure 8 (e): once an entry of the leader's own term is on a majority behind the old one,
     * both commit together, and S5 can no longer be elected.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anOldTermEntryCommitsOnlyTogetherWithAnEntryOfTheCurrentTerm(long seed) {
        Figure8 f = new Figure8(seed);
        f.stepsAToC();

        TreeSet<Long> commitIndexes = new TreeSet<>();
        f.cluster.runUntil(() -> {
            commitIndexes.add(f.cluster.raft(f.leader).commitIndex());
            return false;
        }, 100);

        assertThat(commitIndexes).as("the leader's commit index skips index 2")
                .contains(3L).doesNotContain(2L);
        assertThat(f.cluster.committedLog(f.leader).get(1)).isEqualTo(f.oldEntry);

        f.cluster.crash(f.leader);
        f.cluster.heal();
        f.cluster.restart(f.s5);
        int newLeader = f.cluster.runUntilStableLeader(2_000);

        assertThat(newLeader).as("S5 lacks a committed entry, so it cannot win")
                .isNotIn(f.s5, 0);
        f.cluster.restart(f.leader);
        boolean agreed = f.cluster.runUntil(() -> f.cluster.converged() && f.cluster.ids()
                .stream().allMatch(id -> f.cluster.log(id).equals(f.cluster.log(newLeader))),
                2_000);
        assertThat(agreed).isTrue();
        assertThat(f.cluster.ids()).allMatch(id -> f.cluster.log(id).get(1).equals(f.oldEntry));
        assertThat(f.cluster.ids()).noneMatch(id -> f.cluster.log(id).contains(f.s5Entry));
    }

    /** The cluster driven through the first steps of Figure 8, and who plays which server. */
    private static final class Figure8 {

        final SimCluster cluster;
        int s1;
        int s2;
        int s3;
        int s4;
        int s5;
        /** The entry of the old term (the paper's term 2) at index 2. */
        Entry oldEntry;
        /** S5's entry at index 2, of a later term, that only S5 holds. */
        Entry s5Entry;
        /** The leader of step (c): S1 in the paper, here S1 or S2, whichever wins. */
        int leader;
        /** The other of S1 and S2. */
        int otherHolder;

        Figure8(long seed) {
            cluster = new SimCluster(ONE_ENTRY_PER_APPEND, seed);
        }

        void stepsAToC() {
            // Everyone agrees on index 1, the first leader's no-op.
            s1 = cluster.runUntilStableLeader(1_000);
            s2 = s1 == 1 ? 2 : 1;

            // (a) S1 replicates an entry of its term to S2 only, then crashes.
            cluster.partition(s1, s2);
            Proposal p = cluster.propose(s1, 2_000);
            cluster.runUntil(() -> cluster.durableLog(s2).size() >= 2, 500);
            cluster.crash(s1);
            oldEntry = cluster.durableLog(s2).get(1);
            assertThat(oldEntry.index()).isEqualTo(p.index()).isEqualTo(2);

            // (b) S5 is elected by S3, S4 and itself, and is cut off at once: its no-op at
            // index 2, of the later term, and the entry after it stay on S5 alone.
            int[] rest = IntStream.rangeClosed(1, 5).filter(id -> id != s1 && id != s2).toArray();
            cluster.runUntil(() -> cluster.leaderAmong(rest) != 0, 1_000);
            s5 = cluster.leaderAmong(rest);
            assertThat(s5).isNotZero();
            cluster.isolate(s5);
            cluster.propose(s5, 5_000);
            cluster.runFor(20);
            cluster.crash(s5);
            s5Entry = cluster.durableLog(s5).get(1);
            assertThat(s5Entry.term()).isGreaterThan(oldEntry.term());
            int[] s3s4 = IntStream.of(rest).filter(id -> id != s5).toArray();
            s3 = s3s4[0];
            s4 = s3s4[1];
            assertThat(cluster.durableLog(s3)).hasSize(1);

            // (c) S1 restarts; S1 or S2, the only ones S3 may vote for, is elected in a later
            // term still, with S4 cut off, and replicates the old entry to S3.
            cluster.heal();
            cluster.restart(s1);
            cluster.partition(s1, s2, s3);
            long s5Term = s5Entry.term();
            cluster.runUntil(() -> cluster.leaderAmong(s1, s2, s3) != 0
                    && cluster.raft(cluster.leaderAmong(s1, s2, s3)).currentTerm() > s5Term, 1_500);
            leader = cluster.leaderAmong(s1, s2, s3);
            assertThat(leader).isIn(s1, s2);
            otherHolder = leader == s1 ? s2 : s1;
        }

        int[] holdersOfOldEntry() {
            return cluster.ids().stream().filter(id -> cluster.durableLog(id).size() >= 2
                    && cluster.durableLog(id).get(1).equals(oldEntry))
                    .mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String toString() {
            return "S1..S5 = " + Arrays.toString(new int[] {s1, s2, s3, s4, s5});
        }
    }
}
