package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.Raft;

/**
 * What survives a crash (Figure 2, "persistent state on all servers"): the log, the current term
 * and the vote. A crash here loses memory and every write not yet on disk, so whatever a server
 * promised in a message must already be durable when it restarts.
 */
class PersistenceScenarioTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRestartedLeaderKeepsItsCommittedEntriesAndRebuildsTheSameBalance(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        commitCredits(cluster, leader, 30);
        List<Entry> committed = cluster.committedLog(leader);
        long balance = cluster.balance(leader);

        cluster.crash(leader);
        cluster.restart(leader);

        assertThat(cluster.log(leader)).as("the log comes back from disk")
                .startsWith(committed.toArray(Entry[]::new));
        assertThat(cluster.appliedIndex(leader)).as("the bank starts empty").isZero();

        boolean reapplied = cluster.runUntil(
                () -> cluster.appliedIndex(leader) >= committed.size(), 1_000);

        assertThat(reapplied).isTrue();
        assertThat(cluster.balance(leader)).isEqualTo(balance);
        assertThat(cluster.committedLog(leader).subList(0, committed.size())).isEqualTo(committed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void committedEntriesSurviveAMajorityCrashingAndRestarting(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        commitCredits(cluster, leader, 30);
        List<Entry> committed = cluster.committedLog(leader);
        long balance = cluster.balance(leader);
        int[] majority = IntStream.concat(IntStream.of(leader),
                IntStream.rangeClosed(1, 5).filter(id -> id != leader).limit(2)).toArray();

        IntStream.of(majority).forEach(cluster::crash);
        cluster.runFor(500);

        assertThat(cluster.leader()).as("two servers cannot elect a leader").isZero();

        IntStream.of(majority).forEach(cluster::restart);
        int newLeader = cluster.runUntilStableLeader(2_000);

        assertThat(newLeader).isNotZero();
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id).subList(0, committed.size())).isEqualTo(committed);
            assertThat(cluster.balance(id)).isEqualTo(balance);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void committedEntriesAndTheBalanceSurviveAllFiveServersCrashing(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        commitCredits(cluster, leader, 30);
        List<Entry> committed = cluster.committedLog(leader);
        long balance = cluster.balance(leader);
        long term = cluster.raft(leader).currentTerm();

        cluster.ids().forEach(cluster::crash);
        cluster.ids().forEach(cluster::restart);
        int newLeader = cluster.runUntilStableLeader(2_000);

        assertThat(newLeader).isNotZero();
        assertThat(cluster.raft(newLeader).currentTerm()).isGreaterThan(term);
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id).subList(0, committed.size())).isEqualTo(committed);
            assertThat(cluster.balance(id)).isEqualTo(balance);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noAcknowledgedWriteIsLostWhenAllFiveServersCrashInTheMiddleOfTraffic(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        cluster.startClients(5);
        cluster.runFor(600);
        int acknowledged = cluster.checker().acknowledgedWrites();
        int applied = cluster.checker().appliedCount();
        long balance = cluster.checker().balanceAfter(applied);

        cluster.ids().forEach(cluster::crash);
        cluster.runFor(100);
        cluster.ids().forEach(cluster::restart);
        cluster.runFor(400);
        boolean settled = cluster.settle(3_000);

        assertThat(acknowledged).as("clients were answered before the crash").isPositive();
        assertThat(settled).as("settled, and every acknowledged write is in the final log")
                .isTrue();
        assertThat(cluster.checker().acknowledgedWrites()).isGreaterThan(acknowledged);
        assertThat(cluster.checker().balanceAfter(applied)).as("history is not rewritten")
                .isEqualTo(balance);
    }

    /**
     * Every server that granted a vote still holds that term and that vote after all five crash
     * the moment the election ends, before the new leader has written anything.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void termsAndVotesSurviveACrashOfAllFive(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        Map<Integer, Message.VoteResponse> granted = grantedVotes(cluster);
        cluster.runUntil(() -> cluster.leader() != 0, 1_000);
        int leader = cluster.leader();
        long term = cluster.raft(leader).currentTerm();

        cluster.ids().forEach(cluster::crash);
        cluster.ids().forEach(cluster::restart);

        assertThat(granted).isNotEmpty();
        granted.forEach((voter, vote) -> {
            Raft restarted = cluster.raft(voter);
            assertThat(restarted.currentTerm()).as("term of voter " + voter)
                    .isGreaterThanOrEqualTo(vote.term());
            if (restarted.currentTerm() == vote.term()) {
                assertThat(restarted.status().votedFor()).as("vote of " + voter)
                        .isEqualTo(vote.to());
            }
        });
        assertThat(cluster.raft(leader).currentTerm()).isEqualTo(term);
        assertThat(cluster.raft(leader).status().votedFor()).as("a candidate votes for itself")
                .isEqualTo(leader);
    }

    /**
     * A server that voted, crashed and came back refuses a rival candidate in the same term, even
     * one whose log is as up to date as its own: one vote per term, across restarts.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRestartedServerDoesNotVoteTwiceInOneTerm(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        Map<Integer, Message.VoteResponse> granted = grantedVotes(cluster);
        cluster.runUntil(() -> cluster.leader() != 0, 1_000);
        int winner = cluster.leader();
        long term = cluster.raft(winner).currentTerm();
        int voter = granted.entrySet().stream()
                .filter(e -> e.getValue().to() == winner && e.getValue().term() == term)
                .findFirst().orElseThrow().getKey();
        int rival = IntStream.rangeClosed(1, 5).filter(id -> id != winner && id != voter)
                .findFirst().orElseThrow();
        List<Message.VoteResponse> answers = new ArrayList<>();
        cluster.watchMessages(m -> {
            if (m instanceof Message.VoteResponse r && r.from() == voter && r.to() == rival) {
                answers.add(r);
            }
        });

        cluster.crash(voter);
        cluster.restart(voter);
        Raft restarted = cluster.raft(voter);
        long lastIndex = restarted.lastIndex();
        long lastTerm = lastIndex == 0 ? 0 : restarted.entry(lastIndex).term();
        cluster.inject(new Message.VoteRequest(rival, voter, term, lastIndex, lastTerm));
        cluster.runFor(50);

        // The rival may have asked in the election itself too; no answer may grant it.
        assertThat(answers).as("the rival's request was answered").isNotEmpty();
        assertThat(answers).as("a second vote in term " + term)
                .allMatch(r -> !r.granted() && r.term() == term);
        assertThat(cluster.raft(voter).status().votedFor()).isEqualTo(winner);
        assertThat(cluster.leader()).isEqualTo(winner);
    }

    // ---------------------------------------------------------------- helpers

    /** Proposes credits of 1 to {@code count} cents and runs until every server applied them. */
    private static void commitCredits(SimCluster cluster, int leader, int count) {
        Proposal last = null;
        for (int i = 1; i <= count; i++) {
            last = cluster.propose(leader, i);
            cluster.runFor(2);
        }
        long index = last.index();
        boolean applied = cluster.runUntil(() -> cluster.ids().stream()
                .allMatch(id -> cluster.appliedIndex(id) >= index), 1_000);
        assertThat(applied).isTrue();
    }

    /** From now on, each server's latest granted vote, by voter. */
    private static Map<Integer, Message.VoteResponse> grantedVotes(SimCluster cluster) {
        Map<Integer, Message.VoteResponse> granted = new HashMap<>();
        cluster.watchMessages(m -> {
            if (m instanceof Message.VoteResponse r && r.granted()) {
                granted.put(r.from(), r);
            }
        });
        return granted;
    }
}
