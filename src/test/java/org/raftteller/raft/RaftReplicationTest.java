package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.raft.Fixtures.ack;
import static org.raftteller.raft.Fixtures.append;
import static org.raftteller.raft.Fixtures.appendsTo;
import static org.raftteller.raft.Fixtures.command;
import static org.raftteller.raft.Fixtures.config;
import static org.raftteller.raft.Fixtures.deliver;
import static org.raftteller.raft.Fixtures.entry;
import static org.raftteller.raft.Fixtures.leader;
import static org.raftteller.raft.Fixtures.log;
import static org.raftteller.raft.Fixtures.refusal;
import static org.raftteller.raft.Fixtures.restarted;
import static org.raftteller.raft.Fixtures.tick;
import static org.raftteller.raft.Fixtures.timeOut;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.VoteResponse;
import org.raftteller.raft.RaftEvent.LogTruncated;

/** Log replication (section 5.3), the commitment rule (5.4.2) and pipelined flow control. */
class RaftReplicationTest {

    private static final HardState NO_VOTE_IN_TERM_1 = new HardState(1, HardState.NO_VOTE);

    /** Leader 1 of term 1 (log: its no-op) whose follower 2 has answered and is replicated to. */
    private static Raft leaderReplicatingTo2(RaftConfig config) {
        Raft raft = leader(config, 1, List.of());
        raft.step(ack(2, 1, 1, 1));
        raft.takeReady();
        return raft;
    }

    private static void propose(Raft raft, int count) {
        for (int i = 0; i < count; i++) {
            raft.propose(command("c" + i));
        }
    }

    // ---------------------------------------------------------------- the no-op and commitment

    @Test
    void newLeaderAppendsANoOpOfItsTermAndProbesEveryFollowerWithIt() {
        Raft raft = restarted(config(1, 3).withPreVote(false), 1, HardState.NO_VOTE, log(1, 1));
        timeOut(raft);
        raft.takeReady();

        raft.step(new VoteResponse(3, 1, 2, true));
        Ready ready = raft.takeReady();

        Entry noop = Entry.noop(3, 2);
        assertThat(ready.entries()).containsExactly(noop);
        assertThat(ready.messages()).containsExactly(
                new AppendRequest(1, 2, 2, 2, 1, List.of(noop), 0, 0),
                new AppendRequest(1, 3, 2, 2, 1, List.of(noop), 0, 0));
        assertThat(raft.commitIndex()).isZero();
    }

    @Test
    void leaderCommitsAnEntryOfItsTermOnceAMajorityStoresIt() {
        Raft raft = leader(config(1, 3), 2, log(1, 1));

        raft.step(ack(2, 1, 2, 3));
        Ready ready = raft.takeReady();

        assertThat(raft.commitIndex()).isEqualTo(3);
        assertThat(ready.committed()).containsExactly(entry(1, 1), entry(2, 1), Entry.noop(3, 2));
    }

    @Test
    void leaderNeedsAMajorityToCommit() {
        Raft raft = leader(config(1, 5), 1, List.of());

        raft.step(ack(2, 1, 1, 1));

        assertThat(raft.commitIndex()).isZero();

        raft.step(ack(4, 1, 1, 1));

        assertThat(raft.commitIndex()).isEqualTo(1);
    }

    @Test
    void leaderCommitsOnlyEntriesOfItsOwnTermByCountingReplicas() {
        Raft raft = leader(config(1, 3), 4, log(1, 2));

        raft.step(ack(2, 1, 4, 2));
        Ready before = raft.takeReady();

        assertThat(raft.commitIndex()).isZero();
        assertThat(before.committed()).isEmpty();

        raft.step(ack(2, 1, 4, 3));
        Ready after = raft.takeReady();

        assertThat(raft.commitIndex()).isEqualTo(3);
        assertThat(after.committed()).containsExactly(entry(1, 1), entry(2, 2), Entry.noop(3, 4));
    }

    @Test
    void commitIndexNeverDecreasesOnTheLeader() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        propose(raft, 2);
        raft.step(ack(2, 1, 1, 3));

        raft.step(ack(2, 1, 1, 2));
        raft.step(ack(3, 1, 1, 1));

        assertThat(raft.commitIndex()).isEqualTo(3);
        assertThat(raft.status().followers().get(2).matchIndex()).isEqualTo(3);
    }

    @Test
    void commitIndexNeverDecreasesOnAFollower() {
        Raft raft = new Raft(config(2, 3), NO_VOTE_IN_TERM_1, List.of(), Fixtures.shortestTimeouts());
        raft.step(append(1, 2, 1, 0, 0, log(1, 1, 1), 3));

        raft.step(append(1, 2, 1, 0, 0, log(1), 1));
        raft.step(append(1, 2, 1, 0, 0, List.of(), 0));

        assertThat(raft.commitIndex()).isEqualTo(3);
        assertThat(raft.lastIndex()).isEqualTo(3);
    }

    @Test
    void followerCommitsNoFurtherThanTheLastEntryTheRequestVouchesFor() {
        Raft raft = restarted(config(2, 3), 2, HardState.NO_VOTE, log(1, 1, 1));

        raft.step(append(1, 2, 2, 1, 1, List.of(), 3));
        Ready ready = raft.takeReady();

        assertThat(raft.commitIndex()).isEqualTo(1);
        assertThat(ready.committed()).containsExactly(entry(1, 1));
        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 2, true, 1, 0, 0, 0));
    }

    @Test
    void followersLearnTheCommitIndexThroughHeartbeatsCappedAtTheirMatchIndex() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        propose(raft, 2);
        raft.takeReady();
        raft.step(ack(2, 1, 1, 3));
        raft.step(ack(3, 1, 1, 1));
        raft.takeReady();

        tick(raft, 3);
        Ready ready = raft.takeReady();

        assertThat(raft.commitIndex()).isEqualTo(3);
        assertThat(appendsTo(ready, 2)).containsExactly(
                new AppendRequest(1, 2, 1, 3, 1, List.of(), 3, 0));
        assertThat(appendsTo(ready, 3)).containsExactly(
                new AppendRequest(1, 3, 1, 1, 1, List.of(), 1, 0));
    }

    @Test
    void idleLeaderSendsHeartbeatsEveryHeartbeatInterval() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        raft.step(ack(3, 1, 1, 1));
        raft.takeReady();

        tick(raft, 2);
        Ready quiet = raft.takeReady();
        tick(raft, 1);
        Ready beat = raft.takeReady();
        tick(raft, 3);
        Ready nextBeat = raft.takeReady();

        assertThat(quiet.messages()).isEmpty();
        assertThat(beat.messages()).containsExactly(
                new AppendRequest(1, 2, 1, 1, 1, List.of(), 1, 0),
                new AppendRequest(1, 3, 1, 1, 1, List.of(), 1, 0));
        assertThat(nextBeat.messages()).isEqualTo(beat.messages());
    }

    // ---------------------------------------------------------------- the consistency check

    @Test
    void followerRefusesAnAppendWhosePreviousEntryItLacksAndHintsOnePastItsLastEntry() {
        Raft raft = restarted(config(2, 3), 1, HardState.NO_VOTE, log(1, 1));

        raft.step(new AppendRequest(1, 2, 1, 5, 1, List.of(entry(6, 1)), 0, 4));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 1, false, 5, 3, 0, 4));
        assertThat(ready.entries()).isEmpty();
        assertThat(raft.lastIndex()).isEqualTo(2);
        assertThat(raft.leader()).isEqualTo(1);
    }

    @Test
    void followerRefusesAnAppendWhosePreviousTermDiffersAndHintsTheStartOfItsConflictingTerm() {
        Raft raft = restarted(config(2, 3), 3, HardState.NO_VOTE, log(1, 2, 2, 2));

        raft.step(append(1, 2, 3, 4, 3, List.of(entry(5, 3)), 0));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 3, false, 4, 2, 2, 0));
        assertThat(raft.logEntries()).isEqualTo(log(1, 2, 2, 2));
    }

    @Test
    void conflictingSuffixIsTruncatedAndReplacedByTheLeadersEntries() {
        Raft raft = restarted(config(2, 3), 3, HardState.NO_VOTE, log(1, 2, 2));
        raft.step(append(1, 2, 3, 1, 1, List.of(), 1));
        raft.takeReady();

        raft.step(append(1, 2, 3, 1, 1, List.of(entry(2, 3)), 1));
        Ready ready = raft.takeReady();

        assertThat(raft.logEntries()).containsExactly(entry(1, 1), entry(2, 3));
        assertThat(ready.entries()).containsExactly(entry(2, 3));
        assertThat(ready.events()).containsExactly(new LogTruncated(2, 2));
        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 3, true, 2, 0, 0, 0));
    }

    @Test
    void entriesAlreadyHeldAreNeitherAppendedNorPersistedAgain() {
        Raft raft = new Raft(config(2, 3), NO_VOTE_IN_TERM_1, List.of(), Fixtures.shortestTimeouts());
        AppendRequest request = append(1, 2, 1, 0, 0, log(1, 1, 1), 1);
        raft.step(request);
        raft.takeReady();

        raft.step(request);
        Ready ready = raft.takeReady();

        assertThat(raft.logEntries()).isEqualTo(log(1, 1, 1));
        assertThat(ready.entries()).isEmpty();
        assertThat(ready.committed()).isEmpty();
        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 1, true, 3, 0, 0, 0));
    }

    @Test
    void olderAppendArrivingLateDoesNotTruncateLaterEntries() {
        Raft raft = new Raft(config(2, 3), NO_VOTE_IN_TERM_1, List.of(), Fixtures.shortestTimeouts());
        raft.step(append(1, 2, 1, 0, 0, log(1, 1, 1), 0));
        raft.takeReady();

        raft.step(append(1, 2, 1, 0, 0, log(1), 0));
        Ready ready = raft.takeReady();

        assertThat(raft.logEntries()).isEqualTo(log(1, 1, 1));
        assertThat(ready.entries()).isEmpty();
        assertThat(ready.events()).isEmpty();
        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 1, true, 1, 0, 0, 0));
    }

    @Test
    void appendThatArrivedBeforeItsPredecessorIsAcceptedOnceItIsSentAgain() {
        Raft raft = new Raft(config(2, 3), NO_VOTE_IN_TERM_1, List.of(), Fixtures.shortestTimeouts());
        AppendRequest second = append(1, 2, 1, 2, 1, List.of(entry(3, 1)), 0);

        raft.step(second);
        raft.step(append(1, 2, 1, 0, 0, log(1, 1), 0));
        raft.step(second);
        Ready ready = raft.takeReady();

        assertThat(raft.logEntries()).isEqualTo(log(1, 1, 1));
        assertThat(ready.entries()).isEqualTo(log(1, 1, 1));
        assertThat(ready.messages()).containsExactly(
                new AppendResponse(2, 1, 1, false, 2, 1, 0, 0),
                new AppendResponse(2, 1, 1, true, 2, 0, 0, 0),
                new AppendResponse(2, 1, 1, true, 3, 0, 0, 0));
    }

    @Test
    void leaderThatWouldOverwriteACommittedEntryIsCaughtAsABrokenInvariant() {
        Raft raft = restarted(config(2, 3), 2, HardState.NO_VOTE, List.of());
        raft.step(append(1, 2, 2, 0, 0, log(1, 1), 2));

        assertThatThrownBy(() -> raft.step(append(1, 2, 2, 0, 0, log(1, 2), 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("committed entry 2");
    }

    @Test
    void appendRequestReachingALeaderOfTheSameTermIsCaughtAsABrokenInvariant() {
        Raft raft = leader(config(1, 3), 1, List.of());

        assertThatThrownBy(() -> raft.step(append(2, 1, 1, 0, 0, List.of(), 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Election Safety");
    }

    // ---------------------------------------------------------------- finding where logs match

    @Test
    void leaderSkipsAWholeConflictingTermInOneRound() {
        Raft leader = leader(config(1, 3), 4, log(1, 1, 3, 3));
        Raft follower = restarted(config(2, 3), 3, HardState.NO_VOTE, log(1, 1, 2, 2, 2, 2));
        tick(leader, 3);
        Ready probe = leader.takeReady();

        Ready refusal = deliver(probe, follower);
        Ready retry = deliver(refusal, leader);
        deliver(retry, follower);

        assertThat(appendsTo(probe, 2)).extracting(AppendRequest::prevLogIndex).containsExactly(4L);
        assertThat(refusal.messages()).containsExactly(new AppendResponse(2, 1, 4, false, 4, 3, 2, 0));
        assertThat(appendsTo(retry, 2)).containsExactly(new AppendRequest(1, 2, 4, 2, 1,
                leader.logEntries().subList(2, 5), 0, 0));
        assertThat(follower.logEntries()).isEqualTo(leader.logEntries());
    }

    @Test
    void leaderHoldingTheConflictingTermResumesAfterItsOwnLastEntryOfThatTerm() {
        Raft leader = leader(config(1, 3), 4, log(1, 2, 2, 3));
        Raft follower = restarted(config(2, 3), 3, HardState.NO_VOTE, log(1, 2, 2, 2, 2));
        tick(leader, 3);
        Ready probe = leader.takeReady();

        Ready refusal = deliver(probe, follower);
        Ready retry = deliver(refusal, leader);
        deliver(retry, follower);

        assertThat(refusal.messages()).containsExactly(new AppendResponse(2, 1, 4, false, 4, 2, 2, 0));
        assertThat(appendsTo(retry, 2)).extracting(AppendRequest::prevLogIndex).containsExactly(3L);
        assertThat(follower.logEntries()).isEqualTo(leader.logEntries());
    }

    @Test
    void leaderJumpsToTheEndOfAShortFollowerLog() {
        Raft leader = leader(config(1, 3), 2, log(1, 1, 1, 1));
        Raft follower = restarted(config(2, 3), 1, HardState.NO_VOTE, log(1));
        tick(leader, 3);
        Ready probe = leader.takeReady();

        Ready refusal = deliver(probe, follower);
        Ready retry = deliver(refusal, leader);
        deliver(retry, follower);

        assertThat(refusal.messages()).containsExactly(new AppendResponse(2, 1, 2, false, 4, 2, 0, 0));
        assertThat(appendsTo(retry, 2)).extracting(AppendRequest::prevLogIndex).containsExactly(1L);
        assertThat(follower.logEntries()).isEqualTo(leader.logEntries());
    }

    @Test
    void leaderNeverTrustsAHintBeyondTheRefusedIndex() {
        Raft raft = leader(config(1, 3), 2, log(1, 1));

        raft.step(refusal(2, 1, 2, 2, 9, 0));
        Ready ready = raft.takeReady();

        assertThat(appendsTo(ready, 2)).extracting(AppendRequest::prevLogIndex).containsExactly(1L);
    }

    @Test
    void refusalThatDoesNotAnswerTheOutstandingProbeIsIgnored() {
        Raft raft = leader(config(1, 3), 2, log(1, 1));

        raft.step(refusal(2, 1, 2, 1, 1, 0));
        raft.step(refusal(2, 1, 2, 3, 1, 0));

        assertThat(raft.takeReady().messages()).isEmpty();
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(3, 0, 0, true));
    }

    @Test
    void refusalWhoseHintStillCoversTheMatchIndexIsIgnored() {
        Raft raft = leaderReplicatingTo2(config(1, 3));

        raft.step(refusal(2, 1, 1, 1, 2, 0));

        assertThat(raft.takeReady().messages()).isEmpty();
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(2, 1, 0, false));
    }

    @Test
    void followerThatLostAnAcknowledgedEntryIsProbedAfresh() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        propose(raft, 1);
        raft.takeReady();
        raft.step(ack(2, 1, 1, 2));
        raft.takeReady();

        // It restarted without entry 2, so the heartbeat's check at its matchIndex fails.
        raft.step(refusal(2, 1, 1, 2, 2, 0));
        Ready ready = raft.takeReady();

        assertThat(appendsTo(ready, 2)).containsExactly(
                new AppendRequest(1, 2, 1, 1, 1, List.of(raft.entry(2)), 2, 0));
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(2, 0, 0, true));
    }

    @Test
    void refusalInsideThePipelineFallsBackToProbingFromTheHint() {
        Raft raft = leaderReplicatingTo2(config(1, 3).withReplication(1, 8));
        propose(raft, 3);
        raft.takeReady();

        raft.step(refusal(2, 1, 1, 2, 2, 0));
        Ready ready = raft.takeReady();

        assertThat(appendsTo(ready, 2)).extracting(AppendRequest::prevLogIndex).containsExactly(1L);
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(2, 1, 0, true));
    }

    // ---------------------------------------------------------------- probing and pipelining

    @Test
    void firstSuccessfulAnswerToAProbeStartsReplicationAfterTheMatchedIndex() {
        Raft raft = leader(config(1, 3), 1, List.of());

        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(1, 0, 0, true));

        raft.step(ack(2, 1, 1, 1));

        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(2, 1, 0, false));
    }

    @Test
    void replicatedFollowerReceivesSeveralAppendsWithoutWaitingForAnswers() {
        Raft raft = leaderReplicatingTo2(config(1, 3).withReplication(2, 3));

        propose(raft, 5);
        Ready ready = raft.takeReady();

        List<AppendRequest> appends = appendsTo(ready, 2);
        assertThat(appends).extracting(AppendRequest::prevLogIndex).containsExactly(1L, 3L, 5L);
        assertThat(appends).extracting(r -> r.entries().size()).containsExactly(2, 2, 1);
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(7, 1, 3, false));
    }

    @Test
    void leaderKeepsNoMoreThanMaxInflightAppendsUnansweredPerFollower() {
        Raft raft = leaderReplicatingTo2(config(1, 3).withReplication(2, 3));
        propose(raft, 10);
        Ready first = raft.takeReady();

        raft.step(ack(2, 1, 1, 3));
        Ready second = raft.takeReady();
        raft.step(ack(2, 1, 1, 7));
        Ready third = raft.takeReady();

        assertThat(appendsTo(first, 2)).extracting(AppendRequest::lastIndex)
                .containsExactly(3L, 5L, 7L);
        assertThat(appendsTo(second, 2)).extracting(AppendRequest::lastIndex).containsExactly(9L);
        assertThat(appendsTo(third, 2)).extracting(AppendRequest::lastIndex).containsExactly(11L);
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(12, 7, 2, false));
    }

    @Test
    void probingFollowerReceivesOneRequestAtATime() {
        Raft raft = leaderReplicatingTo2(config(1, 3).withReplication(2, 3));

        propose(raft, 5);
        Ready whileProbeOut = raft.takeReady();
        tick(raft, 3);
        Ready heartbeat = raft.takeReady();
        propose(raft, 1);
        Ready afterNewProbe = raft.takeReady();

        assertThat(appendsTo(whileProbeOut, 3)).isEmpty();
        assertThat(appendsTo(heartbeat, 3)).containsExactly(
                new AppendRequest(1, 3, 1, 0, 0, raft.logEntries().subList(0, 2), 1, 0));
        assertThat(appendsTo(afterNewProbe, 3)).isEmpty();
        assertThat(raft.status().followers().get(3)).isEqualTo(new FollowerProgress(1, 0, 0, true));
    }

    @Test
    void pipelineThatMakesNoProgressForTwoWholeHeartbeatIntervalsFallsBackToProbing() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        propose(raft, 1);
        raft.takeReady();
        tick(raft, 3);
        raft.takeReady();
        tick(raft, 3);
        assertThat(raft.status().followers().get(2).probing()).isFalse();
        raft.takeReady();

        tick(raft, 3);
        Ready ready = raft.takeReady();

        assertThat(appendsTo(ready, 2)).containsExactly(
                new AppendRequest(1, 2, 1, 1, 1, List.of(raft.entry(2)), 1, 0));
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(2, 1, 0, true));
    }

    @Test
    void pipelineIsNotAbandonedBeforeItsRequestHadAWholeHeartbeatIntervalToBeAnswered() {
        Raft raft = leaderReplicatingTo2(config(1, 3));
        tick(raft, 3);
        tick(raft, 2);
        propose(raft, 1);
        raft.takeReady();

        tick(raft, 1);
        Ready ready = raft.takeReady();

        assertThat(appendsTo(ready, 2)).containsExactly(
                new AppendRequest(1, 2, 1, 1, 1, List.of(), 1, 0));
        assertThat(raft.status().followers().get(2).probing()).isFalse();
    }

    @Test
    void acknowledgementBeyondTheLeadersLogIsIgnored() {
        Raft raft = leader(config(1, 3), 1, List.of());

        raft.step(ack(2, 1, 1, 5));

        assertThat(raft.commitIndex()).isZero();
        assertThat(raft.status().followers().get(2)).isEqualTo(new FollowerProgress(1, 0, 0, true));
        assertThat(raft.takeReady().messages()).isEmpty();
    }

    // ---------------------------------------------------------------- whole clusters

    @Test
    void proposedEntriesReachEveryFollowerAndCommitEverywhere() {
        Harness cluster = new Harness(config(1, 3));
        cluster.elect(1);

        cluster.node(1).propose(command("a"));
        cluster.node(1).propose(command("b"));
        cluster.deliverAll();
        cluster.tickAll(3);

        List<Entry> expected = cluster.node(1).logEntries();
        assertThat(expected).hasSize(3);
        for (int id = 1; id <= 3; id++) {
            assertThat(cluster.node(id).logEntries()).isEqualTo(expected);
            assertThat(cluster.committed(id)).isEqualTo(expected);
        }
    }

    @Test
    void followerThatMissedEntriesCatchesUpWhenItIsReachableAgain() {
        Harness cluster = new Harness(config(1, 3));
        cluster.elect(1);
        cluster.cutOff(3);
        cluster.node(1).propose(command("a"));
        cluster.deliverAll();
        cluster.node(1).propose(command("b"));
        cluster.deliverAll();

        cluster.reconnect(3);
        cluster.tickAll(9);

        assertThat(cluster.node(3).logEntries()).isEqualTo(cluster.node(1).logEntries());
        assertThat(cluster.committed(3)).hasSize(3);
    }
}
