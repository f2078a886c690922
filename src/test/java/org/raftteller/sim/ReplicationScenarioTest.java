package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raftteller.bank.BankCommand;
import org.raftteller.bank.CommandCodec;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.Role;

/**
 * Log replication, section 5.3 of the paper: what a leader accepts reaches every server in the
 * same order, a server that fell behind catches up, nothing commits without a majority, and a
 * deposed leader's uncommitted entries give way to the new leader's.
 *
 * <p>Every proposal here is an anonymous credit; amounts are chosen distinct so that an entry can
 * be recognised by its command alone.
 */
class ReplicationScenarioTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyServerAppliesTheSameEntriesAndReachesTheSameBalance(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);

        List<Proposal> proposals = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            proposals.add(cluster.propose(leader, i));
            cluster.runFor(3);
        }
        boolean converged = cluster.runUntil(() -> allApplied(cluster, last(proposals)), 1_000);

        assertThat(converged).isTrue();
        assertThat(proposals).allMatch(Proposal::accepted);
        List<Entry> reference = cluster.committedLog(leader);
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id)).as("log of " + id).isEqualTo(reference);
            assertThat(cluster.durableLog(id)).as("disk of " + id).isEqualTo(cluster.log(id));
            assertThat(cluster.balance(id)).as("balance of " + id).isEqualTo(sum(1, 50));
        }
        for (int i = 0; i < proposals.size(); i++) {
            assertThat(reference.get((int) proposals.get(i).index() - 1).command())
                    .isEqualTo(credit(i + 1));
        }
        assertThat(cluster.checker().appliedCount()).isEqualTo(reference.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFollowerThatCrashedWhileHundredsOfEntriesCommittedCatchesUp(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        int follower = otherThan(leader);

        cluster.crash(follower);
        Proposal lastProposal = proposeMany(cluster, leader, 300);
        cluster.runUntil(() -> cluster.raft(leader).commitIndex() >= lastProposal.index(), 1_000);

        assertThat(cluster.raft(leader).commitIndex()).isGreaterThanOrEqualTo(lastProposal.index());
        assertThat(cluster.durableLog(follower).size())
                .isLessThan((int) lastProposal.index() - 250);

        cluster.restart(follower);
        boolean caughtUp = cluster.runUntil(
                () -> cluster.appliedIndex(follower) >= lastProposal.index(), 2_000);

        assertThat(caughtUp).isTrue();
        assertThat(cluster.leader()).as("the same leader throughout").isEqualTo(leader);
        assertThat(cluster.committedLog(follower))
                .isEqualTo(cluster.committedLog(leader).subList(0, (int) cluster.raft(follower)
                        .commitIndex()));
        assertThat(cluster.balance(follower)).isEqualTo(cluster.balance(leader))
                .isEqualTo(sum(1, 300));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFollowerThatWasCutOffWhileHundredsOfEntriesCommittedCatchesUp(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        long term = cluster.raft(leader).currentTerm();
        int follower = otherThan(leader);

        cluster.isolate(follower);
        Proposal lastProposal = proposeMany(cluster, leader, 300);
        cluster.runUntil(() -> cluster.raft(leader).commitIndex() >= lastProposal.index(), 1_000);

        assertThat(cluster.raft(leader).commitIndex()).isGreaterThanOrEqualTo(lastProposal.index());
        assertThat(cluster.log(follower).size()).isLessThan((int) lastProposal.index() - 250);

        cluster.heal();
        boolean caughtUp = cluster.runUntil(
                () -> cluster.appliedIndex(follower) >= lastProposal.index(), 2_000);

        assertThat(caughtUp).isTrue();
        assertThat(cluster.leader()).isEqualTo(leader);
        assertThat(cluster.raft(leader).currentTerm()).isEqualTo(term);
        assertThat(cluster.log(follower)).isEqualTo(cluster.log(leader));
        assertThat(cluster.balance(follower)).isEqualTo(sum(1, 300));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nothingCommitsWhileThreeOfFiveServersAreDownAndCommitsResumeWhenTheyReturn(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        int survivor = otherThan(leader);
        int[] down = IntStream.rangeClosed(1, 5)
                .filter(id -> id != leader && id != survivor).toArray();
        long committedBefore = cluster.raft(leader).commitIndex();

        IntStream.of(down).forEach(cluster::crash);
        Proposal stranded = cluster.propose(leader, 7);
        cluster.runFor(2_000);

        assertThat(stranded.accepted()).as("the leader does not know yet").isTrue();
        assertThat(cluster.log(survivor)).as("replicated to the survivor")
                .hasSizeGreaterThanOrEqualTo((int) stranded.index());
        assertNothingNewCommitted(cluster, committedBefore, leader, survivor);
        assertThat(cluster.leaderAmong(leader, survivor))
                .as("CheckQuorum: the leader stepped down").isZero();

        IntStream.of(down).forEach(cluster::restart);
        int newLeader = cluster.runUntilStableLeader(2_000);
        Proposal resumed = cluster.propose(newLeader, 8);
        boolean committed = cluster.runUntil(() -> allApplied(cluster, resumed), 1_000);

        assertThat(committed).isTrue();
        assertThat(cluster.raft(newLeader).commitIndex()).isGreaterThan(committedBefore);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nothingCommitsWhileThreeOfFiveServersAreEachCutOffAndCommitsResumeAfterHealing(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);
        int survivor = otherThan(leader);
        int[] cutOff = IntStream.rangeClosed(1, 5)
                .filter(id -> id != leader && id != survivor).toArray();
        long committedBefore = cluster.raft(leader).commitIndex();

        IntStream.of(cutOff).forEach(cluster::isolate);
        Proposal stranded = cluster.propose(leader, 7);
        cluster.runFor(2_000);

        assertThat(stranded.accepted()).isTrue();
        assertNothingNewCommitted(cluster, committedBefore, cluster.ids().stream()
                .mapToInt(Integer::intValue).toArray());
        assertThat(leadersOf(cluster)).as("no side has a majority, so nobody leads").isEmpty();

        cluster.heal();
        int newLeader = cluster.runUntilStableLeader(2_000);
        Proposal resumed = cluster.propose(newLeader, 8);
        boolean committed = cluster.runUntil(() -> allApplied(cluster, resumed), 1_000);

        assertThat(committed).isTrue();
        assertThat(cluster.raft(newLeader).commitIndex()).isGreaterThan(committedBefore);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void manyProposalsAtOnceCommitInOneOrderOnEveryServer(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int leader = cluster.runUntilStableLeader(1_000);

        List<Proposal> proposals = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            proposals.add(cluster.propose(leader, i));
        }
        boolean converged = cluster.runUntil(() -> allApplied(cluster, last(proposals)), 1_000);

        assertThat(converged).isTrue();
        assertThat(proposals).extracting(Proposal::index)
                .as("consecutive indexes in the order proposed")
                .containsExactlyElementsOf(LongStream.range(0, 200)
                        .map(i -> proposals.get(0).index() + i).boxed().toList());
        List<Entry> reference = cluster.committedLog(leader);
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id)).as("log of " + id).isEqualTo(reference);
            assertThat(cluster.balance(id)).isEqualTo(sum(1, 200));
        }
        for (int i = 0; i < proposals.size(); i++) {
            assertThat(reference.get((int) proposals.get(i).index() - 1).command())
                    .isEqualTo(credit(i + 1));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void manyClientsAtOnceAreAllAnsweredAndEveryServerAgrees(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        cluster.runUntilStableLeader(1_000);

        cluster.startClients(20);
        cluster.runFor(1_000);
        boolean settled = cluster.settle(2_000);

        assertThat(settled).isTrue();
        assertThat(cluster.checker().acknowledgedWrites()).isGreaterThan(200);
        int leader = cluster.leader();
        for (int id : cluster.ids()) {
            assertThat(cluster.committedLog(id)).isEqualTo(cluster.committedLog(leader));
            assertThat(cluster.balance(id)).isEqualTo(cluster.balance(leader));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDeposedLeadersUncommittedEntriesAreOverwrittenWhenItRejoins(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int oldLeader = cluster.runUntilStableLeader(1_000);
        int[] majority = allBut(oldLeader);

        cluster.isolate(oldLeader);
        List<Proposal> lost = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lost.add(cluster.propose(oldLeader, 1_000 + i));
        }
        cluster.runUntil(() -> cluster.leaderAmong(majority) != 0, 1_000);
        int newLeader = cluster.leaderAmong(majority);
        Proposal kept = null;
        for (int i = 1; i <= 5; i++) {
            kept = proposeAndRun(cluster, newLeader, 2_000 + i);
        }
        Proposal lastKept = kept;
        cluster.runUntil(() -> cluster.raft(newLeader).commitIndex() >= lastKept.index(), 500);

        assertThat(lost).allMatch(Proposal::accepted);
        assertThat(cluster.raft(oldLeader).commitIndex()).isLessThan(lost.get(0).index());
        assertThat(commandsOf(cluster.log(oldLeader))).contains(credit(1_001));

        cluster.heal();
        boolean rejoined = cluster.runUntil(() -> cluster.converged()
                && cluster.log(oldLeader).equals(cluster.log(newLeader)), 1_000);

        assertThat(rejoined).isTrue();
        assertThat(cluster.raft(oldLeader).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.raft(newLeader).role()).isEqualTo(Role.LEADER);
        assertThat(commandsOf(cluster.log(oldLeader)))
                .as("the uncommitted entries of the old term are gone")
                .noneMatch(c -> isCreditBetween(c, 1_001, 1_010));
        assertThat(cluster.balance(oldLeader)).isEqualTo(cluster.balance(newLeader))
                .isEqualTo(sum(2_001, 2_005));
    }

    /**
     * Fast backtracking (end of section 5.3): a follower whose log diverges from the leader's over
     * 60 entries finds the point of agreement in a few refused AppendRequests, not one per entry.
     *
     * <p>The diverged follower is a deposed leader holding 60 entries that never committed. A
     * third leader, elected after the second committed 80 entries, first probes it far beyond
     * the point where their logs part.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFollowerDivergedOverSixtyEntriesIsMatchedWithinThreeRefusals(long seed) {
        SimCluster cluster = new SimCluster(5, seed);
        int diverged = cluster.runUntilStableLeader(1_000);
        long agreedUpTo = cluster.raft(diverged).lastIndex();
        cluster.isolate(diverged);
        for (int i = 1; i <= 60; i++) {
            cluster.propose(diverged, 1_000 + i);
        }
        int[] majority = allBut(diverged);
        cluster.runUntil(() -> cluster.leaderAmong(majority) != 0, 1_000);
        int second = cluster.leaderAmong(majority);
        Proposal p = proposeMany(cluster, second, 80);
        cluster.runUntil(() -> cluster.raft(second).commitIndex() >= p.index(), 1_000);
        cluster.crash(second);
        int[] rest = IntStream.of(majority).filter(id -> id != second).toArray();
        cluster.runUntil(() -> cluster.leaderAmong(rest) != 0, 1_000);
        int leader = cluster.leaderAmong(rest);
        List<Message.AppendResponse> refusals = new ArrayList<>();
        cluster.watchMessages(m -> {
            if (m instanceof Message.AppendResponse r && !r.success() && r.from() == diverged
                    && r.to() == leader) {
                refusals.add(r);
            }
        });

        assertThat(cluster.log(diverged).size() - agreedUpTo).isEqualTo(60);
        assertThat(cluster.log(leader).size()).isGreaterThan((int) agreedUpTo + 80);

        cluster.heal();
        boolean matched = cluster.runUntil(
                () -> cluster.log(diverged).equals(cluster.log(leader)), 1_000);

        assertThat(matched).isTrue();
        assertThat(refusals).as("refusals before the logs matched").hasSizeBetween(1, 3);
        assertThat(cluster.leader()).isEqualTo(leader);
    }

    // ---------------------------------------------------------------- helpers

    static byte[] credit(long cents) {
        return CommandCodec.encode(new BankCommand.Credit(cents));
    }

    private static boolean isCreditBetween(byte[] command, long min, long max) {
        return command.length > 0
                && CommandCodec.decode(command) instanceof BankCommand.Credit c
                && c.amount() >= min && c.amount() <= max;
    }

    private static List<byte[]> commandsOf(List<Entry> log) {
        return log.stream().map(Entry::command).toList();
    }

    private static long sum(long from, long to) {
        return LongStream.rangeClosed(from, to).sum();
    }

    private static int otherThan(int id) {
        return id == 1 ? 2 : 1;
    }

    private static int[] allBut(int id) {
        return IntStream.rangeClosed(1, 5).filter(i -> i != id).toArray();
    }

    private static Proposal last(List<Proposal> proposals) {
        return proposals.get(proposals.size() - 1);
    }

    private static Proposal proposeAndRun(SimCluster cluster, int leader, long cents) {
        Proposal p = cluster.propose(leader, cents);
        cluster.runFor(2);
        return p;
    }

    /** Proposes credits of 1 to {@code count} cents, a little apart; returns the last proposal. */
    private static Proposal proposeMany(SimCluster cluster, int leader, int count) {
        Proposal p = null;
        for (int i = 1; i <= count; i++) {
            p = proposeAndRun(cluster, leader, i);
            assertThat(p.accepted()).as("proposal " + i + " to " + leader).isTrue();
        }
        return p;
    }

    /** Whether every running server has applied {@code p}, with p's term at p's index. */
    private static boolean allApplied(SimCluster cluster, Proposal p) {
        for (int id : cluster.ids()) {
            if (cluster.isUp(id) && cluster.appliedIndex(id) < p.index()) {
                return false;
            }
        }
        return cluster.raft(p.leader()) == null
                || cluster.raft(p.leader()).entry(p.index()).term() == p.term();
    }

    private static void assertNothingNewCommitted(SimCluster cluster, long before, int... ids) {
        for (int id : ids) {
            if (cluster.isUp(id)) {
                assertThat(cluster.raft(id).commitIndex()).as("commit index of " + id)
                        .isEqualTo(before);
                assertThat(cluster.appliedIndex(id)).isEqualTo(before);
            }
        }
        assertThat(cluster.checker().committedCount()).isEqualTo((int) before);
    }

    private static List<Integer> leadersOf(SimCluster cluster) {
        return cluster.ids().stream()
                .filter(id -> cluster.isUp(id) && cluster.raft(id).role() == Role.LEADER)
                .toList();
    }
}
