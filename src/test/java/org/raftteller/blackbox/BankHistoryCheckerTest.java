package org.raftteller.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.DECIDED_TWICE;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.DUPLICATE_INDEX;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.INDEX_AGAINST_REAL_TIME;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.LOST_WRITE;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.READ_INDEX_MISMATCH;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.READ_NOT_LINEARIZABLE;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.REFUSAL_WITH_FUNDS;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.REPLAY_MISMATCH;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.UNEXPECTED_ANSWER;
import static org.raftteller.blackbox.BankHistoryChecker.Problem.UNRESOLVED_WRITE;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.raftteller.blackbox.BankHistoryChecker.Problem;
import org.raftteller.blackbox.BankHistoryChecker.Verdict;
import org.raftteller.blackbox.Call.Answer;
import org.raftteller.blackbox.Call.Kind;

/**
 * The checker on hand-made histories: legal ones it must accept, and one of each way a faulty
 * cluster could wrong its clients, which it must reject for the right reason. Times are plain
 * numbers; only their order matters.
 */
class BankHistoryCheckerTest {

    private final List<Call> history = new ArrayList<>();

    // ---------------------------------------------------------------- legal histories

    @Test
    void sequentialCreditsDebitsAndReadsAreLinearizable() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        debit("a", 2, 30, 20, 30, ok(70, 3));
        read(40, 50, 70, 3);
        debit("b", 1, 500, 60, 70, refused(70));
        credit("b", 2, 5, 80, 90, ok(75, 5));
        read(100, 110, 75, 5);

        Verdict verdict = check();

        assertLinearizable(verdict);
        assertThat(verdict.finalBalance()).isEqualTo(75);
        assertThat(verdict.appliedWrites()).isEqualTo(3);
        assertThat(verdict.refusedDebits()).isEqualTo(1);
        assertThat(verdict.reads()).isEqualTo(2);
    }

    @Test
    void anEmptyHistoryKeepsTheInitialBalance() {
        Verdict verdict = BankHistoryChecker.check(List.of(), 42);

        assertLinearizable(verdict);
        assertThat(verdict.finalBalance()).isEqualTo(42);
    }

    @Test
    void readsDuringAWriteMaySeeTheOldBalanceThenTheNew() {
        credit("a", 1, 100, 0, 100, ok(100, 2));
        read(10, 20, 0, 1);
        read(30, 40, 100, 2);
        read(50, 60, 100, 2);

        assertLinearizable(check());
    }

    @Test
    void overlappingWritesMayTakeEitherOrder() {
        credit("a", 1, 10, 0, 50, ok(30, 3));
        credit("b", 1, 20, 10, 40, ok(20, 2));
        read(60, 70, 30, 3);

        assertLinearizable(check());
    }

    @Test
    void aTimedOutWriteSettledByARetryCountsOnce() {
        credit("a", 1, 100, 0, 10, unknown("timeout"));
        credit("a", 1, 100, 11, 12, notDone("no_leader"));
        credit("a", 1, 100, 13, 20, ok(100, 2));
        read(30, 40, 100, 2);
        credit("a", 1, 100, 50, 60, ok(100, 2));

        Verdict verdict = check();

        assertLinearizable(verdict);
        assertThat(verdict.writesResolvedByRetry()).isEqualTo(1);
        assertThat(verdict.finalBalance()).isEqualTo(100);
    }

    @Test
    void aTimedOutWriteMayTakeEffectAfterWritesThatBeganLater() {
        credit("a", 1, 10, 0, 5, unknown("connection lost"));
        credit("b", 1, 20, 6, 7, ok(20, 2));
        credit("a", 1, 10, 8, 9, ok(30, 3));

        assertLinearizable(check());
    }

    @Test
    void aRefusedDebitSeesTheBalanceAtItsPlaceInTheLog() {
        credit("a", 1, 100, 0, 100, ok(100, 2));
        debit("b", 1, 60, 10, 20, refused(0));
        debit("b", 2, 60, 30, 40, ok(40, 3));
        debit("c", 1, 60, 50, 60, refused(40));

        assertLinearizable(check());
    }

    @Test
    void aWriteThatDidNotHappenIsLeftOut() {
        credit("a", 1, 100, 0, 10, notDone("no_leader"));
        credit("a", 2, 5, 20, 30, ok(5, 2));
        read(40, 50, 5, 2);

        Verdict verdict = check();

        assertLinearizable(verdict);
        assertThat(verdict.writesNotDone()).isEqualTo(1);
    }

    @Test
    void readsThatFailedPromiseNothing() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        read(20, 30, unknown("timeout"));
        read(20, 30, notDone("unavailable"));

        assertLinearizable(check());
    }

    // ---------------------------------------------------------------- faulty histories

    @Test
    void aReadThatMissesAWriteAnsweredBeforeItBeganIsStale() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        read(20, 30, 0, 1);
        credit("b", 1, 5, 25, 50, ok(105, 3));

        Verdict verdict = check();

        assertRejected(verdict, READ_NOT_LINEARIZABLE);
        assertThat(verdict.has(READ_INDEX_MISMATCH)).isTrue();
    }

    @Test
    void aReadMustNotGoBackInTimeAfterAnotherReadSawTheNewBalance() {
        credit("a", 1, 10, 0, 100, ok(10, 2));
        read(10, 20, 10, 2);
        read(30, 40, 0, 1);

        Verdict verdict = check();

        assertRejected(verdict, READ_NOT_LINEARIZABLE);
        assertThat(verdict.violations()).extracting(BankHistoryChecker.Violation::problem)
                .containsOnly(READ_NOT_LINEARIZABLE);
    }

    @Test
    void aReadMustNotSeeAWriteThatBeganAfterItEnded() {
        read(0, 10, 100, 2);
        credit("a", 1, 100, 20, 30, ok(100, 2));

        assertRejected(check(), READ_NOT_LINEARIZABLE);
    }

    @Test
    void anAcknowledgedWriteThatLaterWritesForgetIsLost() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        credit("b", 1, 50, 20, 30, ok(50, 5));
        read(40, 50, 50, 5);

        Verdict verdict = check();

        assertRejected(verdict, REPLAY_MISMATCH);
        assertThat(verdict.has(LOST_WRITE)).isTrue();
        assertThat(verdict.finalBalance()).isEqualTo(150);
    }

    @Test
    void aFinalReadWithoutAnAcknowledgedWriteShowsItLost() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        read(20, 30, 0, 7);

        assertRejected(check(), LOST_WRITE);
    }

    @Test
    void aRetryAppliedTwiceShowsInTheReplay() {
        credit("a", 1, 100, 0, 10, unknown("timeout"));
        credit("a", 1, 100, 20, 30, ok(200, 4));
        read(40, 50, 200, 4);

        Verdict verdict = check();

        assertRejected(verdict, REPLAY_MISMATCH);
        assertThat(verdict.has(LOST_WRITE)).isTrue();
    }

    @Test
    void aRetryMustReturnTheOriginalOutcome() {
        credit("a", 1, 100, 0, 10, unknown("timeout"));
        credit("a", 1, 100, 20, 30, ok(100, 3));
        credit("a", 1, 100, 40, 50, ok(200, 5));

        assertRejected(check(), DECIDED_TWICE);
    }

    @Test
    void aRefusalRetriedMustStayRefused() {
        debit("a", 1, 100, 0, 10, refused(0));
        credit("b", 1, 500, 20, 30, ok(500, 3));
        debit("a", 1, 100, 40, 50, ok(400, 4));

        assertRejected(check(), DECIDED_TWICE);
    }

    @Test
    void aWriteThatBeganAfterAnotherAnsweredMustHaveTheHigherIndex() {
        credit("a", 1, 10, 0, 10, ok(15, 5));
        credit("b", 1, 5, 20, 30, ok(5, 3));

        Verdict verdict = check();

        assertRejected(verdict, INDEX_AGAINST_REAL_TIME);
        assertThat(verdict.has(REPLAY_MISMATCH)).isFalse();
    }

    @Test
    void twoWritesCannotShareALogIndex() {
        credit("a", 1, 10, 0, 10, ok(10, 3));
        credit("b", 1, 10, 0, 10, ok(20, 3));

        assertRejected(check(), DUPLICATE_INDEX);
    }

    @Test
    void aWriteNeverSettledIsRefusedRatherThanGuessed() {
        credit("a", 1, 10, 0, 10, unknown("timeout"));
        credit("a", 1, 10, 20, 30, notDone("no_leader"));

        assertRejected(check(), UNRESOLVED_WRITE);
    }

    @Test
    void aDebitTheBalanceCoversMustNotBeRefused() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        debit("a", 2, 50, 20, 30, refused(100));

        assertRejected(check(), REFUSAL_WITH_FUNDS);
    }

    @Test
    void aWriteThatSaidNoLeaderMustNotHaveHappened() {
        credit("a", 1, 100, 0, 10, notDone("no_leader"));
        credit("b", 1, 5, 20, 30, ok(105, 3));

        assertRejected(check(), REPLAY_MISMATCH);
    }

    @Test
    void aReadMustMatchTheIndexItNames() {
        credit("a", 1, 100, 0, 100, ok(100, 2));
        read(10, 20, 0, 2);

        Verdict verdict = check();

        assertRejected(verdict, READ_INDEX_MISMATCH);
        assertThat(verdict.has(READ_NOT_LINEARIZABLE)).isFalse();
    }

    @Test
    void aStaleRequestIsAnAnswerThisWorkloadNeverEarns() {
        credit("a", 1, 100, 0, 10, new Call.Unexpected("{\"error\":\"stale_request\"}"));

        assertRejected(check(), UNEXPECTED_ANSWER);
    }

    @Test
    void reusingAClientAndSeqForAnotherRequestIsTheTestsOwnMistake() {
        credit("a", 1, 100, 0, 10, ok(100, 2));
        debit("a", 1, 100, 20, 30, ok(0, 3));

        assertThatThrownBy(this::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client a seq 1");
    }

    // ---------------------------------------------------------------- helpers

    private Verdict check() {
        return BankHistoryChecker.check(history, 0);
    }

    private static void assertLinearizable(Verdict verdict) {
        assertThat(verdict.linearizable()).as(verdict.report(20)).isTrue();
    }

    private static void assertRejected(Verdict verdict, Problem problem) {
        assertThat(verdict.has(problem)).as(verdict.report(20)).isTrue();
        assertThat(verdict.report(20)).contains(problem.name());
    }

    private void credit(String client, long seq, long amount, long from, long to, Answer answer) {
        history.add(new Call(client, seq, Kind.CREDIT, amount, 1, from, to, answer));
    }

    private void debit(String client, long seq, long amount, long from, long to, Answer answer) {
        history.add(new Call(client, seq, Kind.DEBIT, amount, 1, from, to, answer));
    }

    private void read(long from, long to, long balance, long index) {
        read(from, to, ok(balance, index));
    }

    private void read(long from, long to, Answer answer) {
        history.add(new Call(null, 0, Kind.BALANCE, 0, 2, from, to, answer));
    }

    private static Answer ok(long balance, long index) {
        return new Call.Ok(balance, index);
    }

    private static Answer refused(long balance) {
        return new Call.Refused(balance);
    }

    private static Answer unknown(String why) {
        return new Call.Unknown(why);
    }

    private static Answer notDone(String why) {
        return new Call.NotDone(why);
    }
}
