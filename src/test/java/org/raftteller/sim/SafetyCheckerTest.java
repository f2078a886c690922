package org.raftteller.sim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.Entry;
import org.raftteller.sim.SafetyChecker.AckedWrite;

/**
 * The checker is only as good as what it catches: each test feeds it a history that breaks one
 * property and expects the violation to name that property; the legal histories must pass.
 *
 * <p>States are stand-in bytes: the checker only compares them.
 */
class SafetyCheckerTest {

    private final SafetyChecker checker = new SafetyChecker();

    // ---------------------------------------------------------------- legal histories

    @Test
    void aLegalHistoryWithTwoLeadersARestartAndOverwrittenEntriesPasses() {
        Entry e1 = entry(1, 1, "a");
        Entry e2 = entry(2, 1, "b");
        Entry stale3 = entry(3, 1, "lost");
        Entry e3 = entry(3, 2, "c");

        assertThatCode(() -> {
            // Term 1: server 1 leads, replicates a and b, commits them; 3 applies and reports.
            checker.leaderElected(1, 1, 0, log());
            checker.leaderLog(1, 1, e1, null);
            storeAll(e1, e2, 1, 2, 3);
            checker.leaderLog(1, 1, e2, e1);
            commit(1, 1, 2, e1, e2);
            commit(3, 1, 2, e1, e2);
            apply(1, 1, e1, 100);
            apply(1, 1, e2, 300);
            apply(3, 1, e1, 100);
            apply(3, 1, e2, 300);
            checker.writeAnswered(write("w1", 1, e1, 0, 10));
            checker.writeAnswered(write("w2", 1, e2, 5, 20));
            checker.readAnswered(300, 2, 21, 25);

            // Server 1, cut off, takes a proposal that will never commit.
            checker.stored(1, stale3, 1);
            checker.leaderLog(1, 1, stale3, e2);

            // Term 2: server 2 leads with the committed prefix, overwrites index 3 everywhere.
            checker.leaderElected(2, 2, 2, log(e1, e2));
            checker.stored(2, e3, 1);
            checker.leaderLog(2, 2, e3, null);
            checker.stored(3, e3, 1);
            checker.stored(1, e3, 1);
            commit(2, 1, 3, e1, e2, e3);
            apply(2, 1, e1, 100);
            apply(2, 1, e2, 300);
            apply(2, 1, e3, 600);

            // Server 3 restarts: a new incarnation commits and applies from the start again.
            commit(3, 2, 3, e1, e2, e3);
            apply(3, 2, e1, 100);
            apply(3, 2, e2, 300);
            apply(3, 2, e3, 600);

            // Concurrent operations may take effect in either order.
            checker.writeAnswered(write("w3", 1, e3, 22, 40));
            checker.readAnswered(300, 2, 30, 41);
            checker.readAnswered(600, 3, 41, 50);
            checker.noAcknowledgedWriteLost(List.of(e1, e2, e3));
        }).doesNotThrowAnyException();
    }

    @Test
    void aRealSimulatedRunPasses() {
        SimCluster cluster = new SimCluster(5, 3);
        cluster.startClients(3);

        assertThatCode(() -> {
            cluster.runFor(1_000);
            cluster.settle(2_000);
        }).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- Raft properties

    @Test
    void twoLeadersInOneTermBreakElectionSafety() {
        checker.leaderElected(1, 4, 0, log());

        assertThatThrownBy(() -> checker.leaderElected(2, 4, 0, log()))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Election Safety")
                .hasMessageContaining("term 4");
    }

    @Test
    void aLeaderOverwritingItsOwnEntryBreaksLeaderAppendOnly() {
        checker.leaderLog(1, 2, entry(5, 2, "x"), null);

        assertThatThrownBy(() -> checker.leaderLog(1, 2, entry(5, 2, "y"), entry(5, 2, "y")))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Leader Append-Only");
    }

    @Test
    void aLeaderShorteningItsLogBreaksLeaderAppendOnly() {
        checker.leaderLog(1, 2, entry(5, 2, "x"), null);

        assertThatThrownBy(() -> checker.leaderLog(1, 2, entry(4, 2, "w"), null))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Leader Append-Only");
    }

    @Test
    void twoCommandsWithTheSameIndexAndTermBreakLogMatching() {
        checker.stored(1, entry(3, 2, "x"), 1);

        assertThatThrownBy(() -> checker.stored(2, entry(3, 2, "y"), 1))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Log Matching");
    }

    @Test
    void theSameEntryAfterDifferentPrefixesBreaksLogMatching() {
        checker.stored(1, entry(3, 2, "x"), 1);

        assertThatThrownBy(() -> checker.stored(2, entry(3, 2, "x"), 2))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Log Matching");
    }

    @Test
    void aNewLeaderMissingACommittedEntryBreaksLeaderCompleteness() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));

        assertThatThrownBy(() -> checker.leaderElected(3, 2, 1, log(entry(1, 1, "a"))))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Leader Completeness");
    }

    @Test
    void aNewLeaderHoldingAnotherEntryWhereOneCommittedBreaksLeaderCompleteness() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));

        assertThatThrownBy(() -> checker.leaderElected(3, 2, 2,
                log(entry(1, 1, "a"), entry(2, 2, "z"))))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Leader Completeness");
    }

    @Test
    void twoServersCommittingDifferentEntriesAtOneIndexBreakStateMachineSafety() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));

        assertThatThrownBy(() -> commit(2, 1, 2, entry(1, 1, "a"), entry(2, 2, "z")))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("State Machine Safety");
    }

    @Test
    void twoServersApplyingDifferentEntriesAtOneIndexBreakStateMachineSafety() {
        commit(1, 1, 1, entry(1, 1, "a"));
        commit(2, 1, 1, entry(1, 1, "a"));
        apply(1, 1, entry(1, 1, "a"), 100);

        assertThatThrownBy(() -> apply(2, 1, entry(1, 2, "z"), 100))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("State Machine Safety");
    }

    @Test
    void applyingAnEntryOtherThanTheOneCommittedBreaksStateMachineSafety() {
        commit(1, 1, 1, entry(1, 1, "a"));

        assertThatThrownBy(() -> apply(1, 1, entry(1, 1, "z"), 100))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("State Machine Safety");
    }

    @Test
    void applyingAnEntryNobodyCommittedBreaksStateMachineSafety() {
        commit(1, 1, 1, entry(1, 1, "a"));
        apply(1, 1, entry(1, 1, "a"), 100);

        assertThatThrownBy(() -> apply(1, 1, entry(2, 1, "b"), 200))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("State Machine Safety");
    }

    @Test
    void aDifferentStateAfterTheSameEntryBreaksReplicaAgreement() {
        commit(1, 1, 1, entry(1, 1, "a"));
        apply(1, 1, entry(1, 1, "a"), 100);

        assertThatThrownBy(() -> apply(2, 1, entry(1, 1, "a"), 101))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Replica agreement");
    }

    @Test
    void aCommitIndexGoingBackWithinOneIncarnationIsCaught() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));

        assertThatThrownBy(() -> commit(1, 1, 1, entry(1, 1, "a"), entry(2, 1, "b")))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Commit monotonic");
    }

    @Test
    void aCommitIndexStartingAfreshAfterARestartIsLegal() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));

        assertThatCode(() -> commit(1, 2, 1, entry(1, 1, "a"), entry(2, 1, "b")))
                .doesNotThrowAnyException();
    }

    @Test
    void skippingAnIndexWhenApplyingIsCaught() {
        commit(1, 1, 3, entry(1, 1, "a"), entry(2, 1, "b"), entry(3, 1, "c"));
        apply(1, 1, entry(1, 1, "a"), 100);

        assertThatThrownBy(() -> apply(1, 1, entry(3, 1, "c"), 300))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Apply order");
    }

    @Test
    void applyingTheSameIndexTwiceIsCaught() {
        commit(1, 1, 2, entry(1, 1, "a"), entry(2, 1, "b"));
        apply(1, 1, entry(1, 1, "a"), 100);

        assertThatThrownBy(() -> apply(1, 1, entry(1, 1, "a"), 100))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Apply order");
    }

    // ---------------------------------------------------------------- client guarantees

    @Test
    void aWriteAcknowledgedAtAnIndexNobodyAppliedIsCaught() {
        Entry e1 = committedAndApplied(1, "a", 100);

        assertThatThrownBy(() -> checker.writeAnswered(write("c", 1, entry(2, 1, "b"), 0, 10)))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Acknowledged write")
                .hasMessageContaining("nobody applied");
        assertThatCode(() -> checker.writeAnswered(write("c", 1, e1, 0, 10)))
                .doesNotThrowAnyException();
    }

    @Test
    void aWriteAcknowledgedAtAnIndexHoldingAnotherCommandIsCaught() {
        committedAndApplied(1, "a", 100);

        assertThatThrownBy(() -> checker.writeAnswered(write("c", 1, entry(1, 1, "other"), 0, 10)))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Acknowledged write")
                .hasMessageContaining("another command");
    }

    @Test
    void aWriteTakingEffectBeforeOneThatCompletedEarlierBreaksLinearizability() {
        Entry e1 = committedAndApplied(1, "a", 100);
        Entry e2 = committedAndApplied(2, "b", 200);
        checker.writeAnswered(write("late", 1, e2, 0, 10));

        assertThatThrownBy(() -> checker.writeAnswered(write("early", 1, e1, 20, 30)))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability");
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        Entry e1 = committedAndApplied(1, "a", 100);
        Entry e2 = committedAndApplied(2, "b", 200);
        checker.writeAnswered(write("late", 1, e2, 0, 10));

        assertThatCode(() -> checker.writeAnswered(write("early", 1, e1, 5, 30)))
                .doesNotThrowAnyException();
    }

    @Test
    void aReadMissingAWriteThatCompletedBeforeItWasSentIsAStaleRead() {
        committedAndApplied(1, "a", 100);
        Entry e2 = committedAndApplied(2, "b", 200);
        checker.writeAnswered(write("c", 1, e2, 0, 10));

        assertThatThrownBy(() -> checker.readAnswered(100, 1, 20, 30))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability")
                .hasMessageContaining("misses");
    }

    @Test
    void aReadMissingWhatAnEarlierReadSawIsAStaleRead() {
        committedAndApplied(1, "a", 100);
        committedAndApplied(2, "b", 200);
        checker.readAnswered(200, 2, 0, 10);

        assertThatThrownBy(() -> checker.readAnswered(100, 1, 20, 30))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability");
    }

    @Test
    void aWriteThatAnEarlierReadAlreadySawBreaksLinearizability() {
        committedAndApplied(1, "a", 100);
        Entry e2 = committedAndApplied(2, "b", 200);
        checker.readAnswered(200, 2, 0, 10);

        assertThatThrownBy(() -> checker.writeAnswered(write("c", 1, e2, 20, 30)))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability");
    }

    @Test
    void aReadReturningAnotherBalanceThanTheStateItWasServedFromIsCaught() {
        committedAndApplied(1, "a", 100);

        assertThatThrownBy(() -> checker.readAnswered(999, 1, 0, 10))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability")
                .hasMessageContaining("returned 999");
    }

    @Test
    void aReadServedFromAStateNobodyReachedIsCaught() {
        committedAndApplied(1, "a", 100);

        assertThatThrownBy(() -> checker.readAnswered(100, 2, 0, 10))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Linearizability");
    }

    @Test
    void anAcknowledgedWriteMissingFromTheFinalLogIsLost() {
        Entry e1 = committedAndApplied(1, "a", 100);
        checker.writeAnswered(write("c", 1, e1, 0, 10));

        assertThatThrownBy(() -> checker.noAcknowledgedWriteLost(List.of()))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Durability");
    }

    @Test
    void anAcknowledgedWriteReplacedInTheFinalLogIsLost() {
        Entry e1 = committedAndApplied(1, "a", 100);
        checker.writeAnswered(write("c", 1, e1, 0, 10));

        assertThatThrownBy(() -> checker.noAcknowledgedWriteLost(List.of(entry(1, 2, "z"))))
                .isInstanceOf(SafetyViolation.class)
                .hasMessageStartingWith("Durability");
    }

    // ---------------------------------------------------------------- helpers

    private static Entry entry(long index, long term, String command) {
        return new Entry(index, term, command.getBytes(StandardCharsets.UTF_8));
    }

    /** A log as the checker reads it: entry i at position i - 1. */
    private static LongFunction<Entry> log(Entry... entries) {
        return i -> entries[(int) i - 1];
    }

    private static byte[] state(long balance) {
        return Long.toString(balance).getBytes(StandardCharsets.UTF_8);
    }

    private void storeAll(Entry first, Entry second, int... servers) {
        for (int server : servers) {
            checker.stored(server, first, 0);
            checker.stored(server, second, first.term());
        }
    }

    private void commit(int server, int life, long commitIndex, Entry... log) {
        checker.commitIndex(server, life, commitIndex, log(log));
    }

    private void apply(int server, int life, Entry entry, long balance) {
        checker.applied(server, life, entry, state(balance), balance);
    }

    /**
     * Entry {@code index} of term 1, committed and applied by server 1, after which the balance is
     * {@code balance}. Call it for index 1, 2, 3 and so on, in order.
     */
    private Entry committedAndApplied(long index, String command, long balance) {
        Entry e = entry(index, 1, command);
        checker.commitIndex(1, 1, index, i -> e);
        apply(1, 1, e, balance);
        return e;
    }

    private static AckedWrite write(String client, long seq, Entry decidedAt, long invokedAt,
                                    long answeredAt) {
        return new AckedWrite(client, seq, decidedAt.command(), decidedAt.index(), invokedAt,
                answeredAt);
    }
}
