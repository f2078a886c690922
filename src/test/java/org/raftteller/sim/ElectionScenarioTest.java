package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raftteller.raft.Message;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.RaftConfig;
import org.raftteller.raft.Role;

/**
 * Elections, section 5.2 of the paper, with Pre-Vote and CheckQuorum (dissertation 9.6): one
 * leader at a time, a new one soon after the old one is cut off, and no needless elections when
 * a server that was cut off comes back.
 *
 * <p>Every scenario runs on a {@link SimCluster}, whose checker watches every step.
 */
class ElectionScenarioTest {

    private static final List<Integer> FIVE = List.of(1, 2, 3, 4, 5);
    /** The longest election timeout of the default configuration, in milliseconds. */
    private static final long ELECTION_TIMEOUT_MS = 20 * SimCluster.TICK_MS;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneLeaderIsElectedAndItsTermStaysStable(long seed) {
        SimCluster cluster = new SimCluster(5, seed);

        boolean elected = cluster.runUntil(() -> cluster.leader() != 0, 2 * ELECTION_TIMEOUT_MS);

        assertThat(elected).as("a leader within two election timeouts").isTrue();
        assertThat(leaders(cluster)).hasSize(1);
        int leader = cluster.leader();
        long term = cluster.raft(leader).currentTerm();

        cluster.runFor(50 * ELECTION_TIMEOUT_MS);
        List<Message> campaigns = campaignsFrom(cluster);
        cluster.runFor(50 * ELECTION_TIMEOUT_MS);

        assertThat(campaigns).as("no server campaigns while the leader is healthy").isEmpty();
        assertThat(leaders(cluster)).containsExactly(leader);
        for (int id : cluster.ids()) {
            assertThat(cluster.raft(id).currentTerm()).as("term of " + id).isEqualTo(term);
            assertThat(cluster.raft(id).leader()).as("leader known to " + id).isEqualTo(leader);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aLeaderCutOffIsReplacedAndComesBackAsAFollowerWithoutDisruptingTheNewLeader(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        long oldTerm = cluster.raft(oldLeader).currentTerm();
        int[] majority = others(oldLeader);

        cluster.isolate(oldLeader);
        boolean replaced = cluster.runUntil(() -> cluster.leaderAmong(majority) != 0,
                3 * ELECTION_TIMEOUT_MS);
        int newLeader = cluster.leaderAmong(majority);
        long newTerm = cluster.raft(newLeader == 0 ? majority[0] : newLeader).currentTerm();
        cluster.runFor(10 * ELECTION_TIMEOUT_MS);

        assertThat(replaced).as("a new leader among the majority").isTrue();
        assertThat(newTerm).isGreaterThan(oldTerm);
        assertThat(cluster.raft(oldLeader).role())
                .as("CheckQuorum: the old leader steps down on its own").isNotEqualTo(Role.LEADER);
        assertThat(cluster.raft(oldLeader).currentTerm())
                .as("Pre-Vote: the cut-off old leader does not raise its term").isEqualTo(oldTerm);

        cluster.heal();
        List<Message> votes = voteRequestsFrom(cluster);
        cluster.runFor(10 * ELECTION_TIMEOUT_MS);

        assertThat(votes).as("no election after the old leader returns").isEmpty();
        assertThat(cluster.leader()).isEqualTo(newLeader);
        assertThat(cluster.raft(newLeader).currentTerm()).isEqualTo(newTerm);
        assertThat(cluster.raft(oldLeader).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.raft(oldLeader).leader()).isEqualTo(newLeader);
        assertThat(cluster.raft(oldLeader).currentTerm()).isEqualTo(newTerm);
        assertThat(cluster.converged()).isTrue();
    }

    /**
     * The contrast: without Pre-Vote the deposed leader, still cut off, campaigns again and
     * again, and when it comes back its higher term deposes the healthy new leader.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withoutPreVoteAReturningOldLeaderDisruptsTheNewLeader(long seed) {
        SimCluster cluster = new SimCluster(config().withPreVote(false), seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        int[] majority = others(oldLeader);

        cluster.isolate(oldLeader);
        cluster.runUntil(() -> cluster.leaderAmong(majority) != 0, 3 * ELECTION_TIMEOUT_MS);
        int newLeader = cluster.leaderAmong(majority);
        long newTerm = cluster.raft(newLeader).currentTerm();
        cluster.runFor(10 * ELECTION_TIMEOUT_MS);

        assertThat(cluster.raft(oldLeader).currentTerm())
                .as("the cut-off old leader keeps raising its term")
                .isGreaterThan(newTerm + 1);

        long isolatedTerm = cluster.raft(oldLeader).currentTerm();
        cluster.heal();
        cluster.runFor(ELECTION_TIMEOUT_MS);
        int leaderAfter = cluster.runUntilStableLeader(2_000);

        assertThat(leaderAfter).isNotZero();
        assertThat(cluster.raft(leaderAfter).currentTerm())
                .as("the healthy leader of term " + newTerm + " was deposed")
                .isGreaterThanOrEqualTo(isolatedTerm);
    }

    /**
     * The contrast for CheckQuorum: without it, a leader cut off from everyone goes on believing
     * it leads, in its old term, while the majority has long elected another.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withoutCheckQuorumACutOffLeaderGoesOnBelievingItLeads(long seed) {
        SimCluster cluster = new SimCluster(
                config().withPreVote(false).withCheckQuorum(false), seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        long oldTerm = cluster.raft(oldLeader).currentTerm();
        int[] majority = others(oldLeader);

        cluster.isolate(oldLeader);
        cluster.runFor(20 * ELECTION_TIMEOUT_MS);

        int newLeader = cluster.leaderAmong(majority);
        assertThat(newLeader).isNotZero();
        assertThat(cluster.raft(oldLeader).role()).isEqualTo(Role.LEADER);
        assertThat(cluster.raft(oldLeader).currentTerm()).isEqualTo(oldTerm);

        cluster.heal();
        cluster.runFor(5 * ELECTION_TIMEOUT_MS);

        assertThat(cluster.raft(oldLeader).role()).as("steps down at first contact")
                .isEqualTo(Role.FOLLOWER);
        assertThat(leaders(cluster)).hasSize(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFollowerCutOffForLongNeitherRaisesItsTermNorDeposesTheLeaderOnReturn(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        long term = cluster.raft(leader).currentTerm();
        int follower = others(leader)[0];

        cluster.isolate(follower);
        cluster.runFor(50 * ELECTION_TIMEOUT_MS);

        assertThat(cluster.raft(follower).currentTerm())
                .as("Pre-Vote: dozens of election timeouts, no new term").isEqualTo(term);
        assertThat(cluster.raft(leader).role()).isEqualTo(Role.LEADER);

        Proposal p = cluster.propose(leader, 100);
        cluster.heal();
        List<Message> votes = voteRequestsFrom(cluster);
        cluster.runFor(10 * ELECTION_TIMEOUT_MS);

        assertThat(votes).isEmpty();
        assertThat(cluster.leader()).isEqualTo(leader);
        assertThat(cluster.raft(leader).currentTerm()).isEqualTo(term);
        assertThat(cluster.raft(follower).leader()).isEqualTo(leader);
        assertThat(cluster.appliedIndex(follower)).isGreaterThanOrEqualTo(p.index());
        assertThat(cluster.log(follower)).isEqualTo(cluster.log(leader));
    }

    /**
     * The contrast: without Pre-Vote and CheckQuorum, the cut-off follower starts election after
     * election, and its inflated term deposes the leader as soon as it is back.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withoutPreVoteAndCheckQuorumAReturningFollowerRaisesTheTermAndDeposesTheLeader(long seed) {
        SimCluster cluster = new SimCluster(
                config().withPreVote(false).withCheckQuorum(false), seed);
        int leader = cluster.runUntilStableLeader(1_000);
        long term = cluster.raft(leader).currentTerm();
        int follower = others(leader)[0];

        cluster.isolate(follower);
        cluster.runFor(50 * ELECTION_TIMEOUT_MS);
        long inflated = cluster.raft(follower).currentTerm();

        assertThat(inflated).as("one new term per election timeout").isGreaterThan(term + 20);

        cluster.heal();
        cluster.runFor(ELECTION_TIMEOUT_MS);
        int leaderAfter = cluster.runUntilStableLeader(2_000);

        assertThat(leaderAfter).isNotZero();
        assertThat(cluster.raft(leaderAfter).currentTerm()).isGreaterThanOrEqualTo(inflated);
        assertThat(cluster.raft(leader).currentTerm()).isGreaterThanOrEqualTo(inflated);
    }

    /**
     * CheckQuorum with a one-way fault: the leader's heartbeats still arrive, so its followers
     * keep trusting it, but nothing reaches it any more. Only the leader can notice, and it does;
     * then, deaf, it cannot win a pre-vote, so it never disturbs its successor.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aLeaderThatHearsNothingStepsDownAndLeavesItsSuccessorAlone(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        long oldTerm = cluster.raft(oldLeader).currentTerm();
        int[] others = others(oldLeader);

        IntStream.of(others).forEach(id -> cluster.cutOneWay(id, oldLeader));
        boolean replaced = cluster.runUntil(() -> cluster.leaderAmong(others) != 0,
                5 * ELECTION_TIMEOUT_MS);
        int newLeader = cluster.leaderAmong(others);
        long newTerm = cluster.raft(newLeader).currentTerm();
        cluster.runFor(20 * ELECTION_TIMEOUT_MS);

        assertThat(replaced).isTrue();
        assertThat(newTerm).isGreaterThan(oldTerm);
        assertThat(leaders(cluster)).containsExactly(newLeader);
        assertThat(cluster.raft(newLeader).currentTerm()).isEqualTo(newTerm);
        assertThat(cluster.raft(oldLeader).currentTerm()).isEqualTo(oldTerm);

        cluster.heal();
        cluster.runFor(2 * ELECTION_TIMEOUT_MS);

        assertThat(cluster.raft(oldLeader).leader()).isEqualTo(newLeader);
        assertThat(cluster.raft(newLeader).currentTerm()).isEqualTo(newTerm);
    }

    /**
     * Pre-Vote and the leader lease with a one-way fault: a follower that no longer hears the
     * leader campaigns, but everyone else still hears the leader and refuses, so nothing changes.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFollowerThatCannotHearTheLeaderCannotDeposeIt(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        long term = cluster.raft(leader).currentTerm();
        int deaf = others(leader)[0];
        List<Message> campaigns = campaignsFrom(cluster);

        cluster.cutOneWay(leader, deaf);
        cluster.runFor(20 * ELECTION_TIMEOUT_MS);

        assertThat(campaigns).as("the deaf follower campaigns").isNotEmpty()
                .allMatch(m -> m.from() == deaf && m instanceof Message.PreVoteRequest);
        assertThat(leaders(cluster)).containsExactly(leader);
        for (int id : cluster.ids()) {
            assertThat(cluster.raft(id).currentTerm()).as("term of " + id).isEqualTo(term);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void afterEveryFaultCuttingOffARandomMinorityTheMajorityElectsALeaderAndCommits(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        SplittableRandom plan = new SplittableRandom(seed);
        cluster.runUntilStableLeader(1_000);
        List<Long> terms = new ArrayList<>();
        int leaderCutOff = 0;

        for (int round = 1; round <= 15; round++) {
            int leaderBefore = cluster.leader();
            int[] minority = randomMinority(plan, leaderBefore);
            int[] majority = IntStream.rangeClosed(1, 5)
                    .filter(id -> IntStream.of(minority).noneMatch(m -> m == id)).toArray();
            leaderCutOff += IntStream.of(minority).anyMatch(m -> m == leaderBefore) ? 1 : 0;

            cluster.partition(minority);
            boolean led = cluster.runUntil(() -> cluster.leaderAmong(majority) != 0,
                    5 * ELECTION_TIMEOUT_MS);
            int leader = cluster.leaderAmong(majority);
            Proposal p = led ? cluster.propose(leader, round) : null;
            boolean committed = led && cluster.runUntil(
                    () -> cluster.raft(leader).commitIndex() >= p.index(), 500);

            assertThat(led).as("round %d: a leader among %s", round, majority).isTrue();
            assertThat(committed).as("round %d: leader %d commits", round, leader).isTrue();
            assertThat(cluster.raft(leader).entry(p.index()).term()).isEqualTo(p.term());
            terms.add(cluster.raft(leader).currentTerm());

            cluster.heal();
            assertThat(cluster.runUntilStableLeader(2_000)).as("round %d: healed", round)
                    .isNotZero();
        }

        assertThat(leaderCutOff).as("the plan cut the leader off in some rounds").isPositive();
        assertThat(terms).as("terms never go back").isSorted();
        assertThat(cluster.checker().committedCount()).isGreaterThanOrEqualTo(15);
    }

    // ---------------------------------------------------------------- helpers

    private static RaftConfig config() {
        return RaftConfig.of(1, FIVE);
    }

    private static List<Integer> leaders(SimCluster cluster) {
        return cluster.ids().stream()
                .filter(id -> cluster.isUp(id) && cluster.raft(id).role() == Role.LEADER)
                .toList();
    }

    private static int[] others(int id) {
        return IntStream.rangeClosed(1, 5).filter(i -> i != id).toArray();
    }

    /** One or two servers, half the time including the leader. */
    private static int[] randomMinority(SplittableRandom plan, int leader) {
        List<Integer> pool = new ArrayList<>(FIVE);
        List<Integer> minority = new ArrayList<>();
        if (plan.nextBoolean()) {
            minority.add(leader);
            pool.remove(Integer.valueOf(leader));
        }
        int size = 1 + plan.nextInt(2);
        while (minority.size() < size) {
            minority.add(pool.remove(plan.nextInt(pool.size())));
        }
        return minority.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Starts collecting every PreVoteRequest and VoteRequest sent from now on. */
    private static List<Message> campaignsFrom(SimCluster cluster) {
        List<Message> seen = new ArrayList<>();
        cluster.watchMessages(m -> {
            if (m instanceof Message.PreVoteRequest || m instanceof Message.VoteRequest) {
                seen.add(m);
            }
        });
        return seen;
    }

    /** Starts collecting every VoteRequest sent from now on. */
    private static List<Message> voteRequestsFrom(SimCluster cluster) {
        List<Message> seen = new ArrayList<>();
        cluster.watchMessages(m -> {
            if (m instanceof Message.VoteRequest) {
                seen.add(m);
            }
        });
        return seen;
    }
}
