package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What elections and idle leadership cost in messages, on a reliable network. A regression that
 * makes servers chatter (a heartbeat per peer per tick, a second election for nothing) shows up
 * here before it shows up as a slow demo.
 */
class MessageCostScenarioTest {

    private static final int N = 5;
    private static final int PEERS = N - 1;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    /**
     * A first election costs its campaigns, each one request to every peer and one answer from
     * each, the new leader's first AppendRequests and the heartbeat that tells everyone its no-op
     * committed, each answered once. A pre-vote does not stop other servers from campaigning, so
     * when timers race there are several campaigns, and a split vote adds a round; but few.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFirstElectionInAQuietClusterTakesABoundedNumberOfMessages(long seed) {
        SimCluster cluster = new SimCluster(N, seed);

        boolean known = cluster.runUntil(() -> cluster.ids().stream()
                .allMatch(id -> cluster.raft(id).commitIndex() >= 1), 1_000);
        Map<String, Integer> sent = cluster.sentByKind();

        assertThat(known).as("everyone knows the leader's no-op committed").isTrue();
        assertWholeCampaigns(sent, 6);
        assertThat(sent.get("PreVoteResponse")).isEqualTo(sent.get("PreVoteRequest"));
        assertThat(sent.get("VoteResponse")).isEqualTo(sent.get("VoteRequest"));
        assertThat(sent.get("AppendRequest")).isEqualTo(2 * PEERS);
        assertThat(sent.get("AppendResponse")).isEqualTo(2 * PEERS);
    }

    @Test
    void mostFirstElectionsTakeOnePreVoteAndOneVoteRound() {
        long minimal = seeds().filter(seed -> {
            SimCluster cluster = new SimCluster(N, seed);
            cluster.runUntil(() -> cluster.ids().stream()
                    .allMatch(id -> cluster.raft(id).commitIndex() >= 1), 1_000);
            Map<String, Integer> sent = cluster.sentByKind();
            return sent.get("PreVoteRequest") == PEERS && sent.get("VoteRequest") == PEERS;
        }).count();

        assertThat(minimal).as("of %d seeds", seeds().count()).isGreaterThan(seeds().count() / 3);
    }

    /**
     * After the leader crashes, every campaign costs one request to each peer (the crashed one
     * included) and at most one answer from each.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aReElectionAfterTheLeaderCrashesTakesABoundedNumberOfMessages(long seed) {
        SimCluster cluster = new SimCluster(N, seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        cluster.runFor(15);
        cluster.resetMessageCounts();

        cluster.crash(oldLeader);
        boolean known = cluster.runUntil(() -> cluster.leader() != 0 && cluster.ids().stream()
                .filter(cluster::isUp).allMatch(id -> cluster.raft(id).commitIndex()
                        == cluster.raft(cluster.leader()).lastIndex()), 1_000);
        Map<String, Integer> sent = cluster.sentByKind();

        assertThat(known).isTrue();
        assertWholeCampaigns(sent, 8);
        assertThat(sent.get("PreVoteResponse")).isLessThanOrEqualTo(sent.get("PreVoteRequest"));
        assertThat(sent.get("VoteResponse")).isLessThanOrEqualTo(sent.get("VoteRequest"));
        assertThat(sent.get("AppendRequest")).isLessThanOrEqualTo(2 * PEERS);
    }

    /**
     * An idle leader sends one heartbeat to each peer per heartbeat interval, and each peer
     * answers it once: nothing else crosses the network.
     */
    @ParameterizedTest(name = "{0} servers, seed {1}")
    @CsvSource({"3, 1", "3, 2", "5, 1", "5, 2", "5, 3", "7, 1"})
    void anIdleLeaderCostsExactlyOneHeartbeatAndOneAnswerPerPeerPerInterval(int size, long seed) {
        SimCluster cluster = new SimCluster(size, seed);
        cluster.runUntilStableLeader(1_000);
        long heartbeatMs = (long) cluster.config().heartbeatTicks() * SimCluster.TICK_MS;
        int intervals = 40;
        // Start counting between two heartbeats, once the answers to the last one are in: a
        // heartbeat leaves the moment the leader ticks, and its answer is back within 10 ms.
        int before = cluster.sentByKind().getOrDefault("AppendRequest", 0);
        cluster.runUntil(() -> cluster.sentByKind().get("AppendRequest") > before, heartbeatMs);
        cluster.runFor(heartbeatMs / 2);
        cluster.resetMessageCounts();

        cluster.runFor(intervals * heartbeatMs);
        Map<String, Integer> sent = cluster.sentByKind();

        assertThat(sent).containsOnlyKeys("AppendRequest", "AppendResponse");
        assertThat(sent.get("AppendRequest")).isEqualTo(intervals * (size - 1));
        assertThat(sent.get("AppendResponse")).isEqualTo(intervals * (size - 1));
    }

    /**
     * Every campaign sends one request to each peer; every candidate first won a pre-vote; and
     * there are at most {@code maxCampaigns} pre-vote campaigns.
     */
    private static void assertWholeCampaigns(Map<String, Integer> sent, int maxCampaigns) {
        int preVotes = sent.get("PreVoteRequest");
        int votes = sent.get("VoteRequest");

        assertThat(preVotes % PEERS).as("pre-votes in whole campaigns").isZero();
        assertThat(votes % PEERS).as("votes in whole campaigns").isZero();
        assertThat(votes / PEERS).as("candidates, each after a won pre-vote")
                .isBetween(1, preVotes / PEERS);
        assertThat(preVotes / PEERS).as("pre-vote campaigns").isLessThanOrEqualTo(maxCampaigns);
        assertThat(sent.values().stream().mapToInt(Integer::intValue).sum())
                .as("all messages").isLessThanOrEqualTo(2 * PEERS * (2 * maxCampaigns + 2));
    }
}
