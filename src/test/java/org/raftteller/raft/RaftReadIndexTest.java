package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.raft.Fixtures.ack;
import static org.raftteller.raft.Fixtures.command;
import static org.raftteller.raft.Fixtures.config;
import static org.raftteller.raft.Fixtures.fresh;
import static org.raftteller.raft.Fixtures.leader;
import static org.raftteller.raft.Fixtures.messages;
import static org.raftteller.raft.Fixtures.tick;
import static org.raftteller.raft.Fixtures.timeOut;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;

/** Linearizable reads with ReadIndex (dissertation 6.4). */
class RaftReadIndexTest {

    /** Leader 1 of term 1 whose no-op is committed by the lowest followers' answers. */
    private static Raft leaderWithCommittedNoOp(RaftConfig config) {
        Raft raft = leader(config, 1, List.of());
        for (int peer : raft.peers().subList(0, config.quorum() - 1)) {
            raft.step(ack(peer, 1, 1, 1));
        }
        raft.takeReady();
        return raft;
    }

    @Test
    void serverThatIsNotLeaderRefusesReads() {
        Raft follower = fresh(config(1, 3));
        Raft preCandidate = fresh(config(1, 3));
        timeOut(preCandidate);
        preCandidate.takeReady();

        boolean byFollower = follower.readIndex(7);
        boolean byPreCandidate = preCandidate.readIndex(7);

        assertThat(byFollower).isFalse();
        assertThat(byPreCandidate).isFalse();
        assertThat(follower.takeReady().isEmpty()).isTrue();
        assertThat(preCandidate.takeReady().isEmpty()).isTrue();
    }

    @Test
    void newLeaderDefersReadsUntilANoOpOfItsTermCommits() {
        Raft raft = leader(config(1, 3), 1, List.of());

        boolean accepted = raft.readIndex(7);
        Ready waiting = raft.takeReady();
        raft.step(ack(2, 1, 1, 1));
        Ready round = raft.takeReady();
        raft.step(ack(2, 1, 1, 1, 1));
        Ready served = raft.takeReady();

        assertThat(accepted).isTrue();
        assertThat(waiting.messages()).isEmpty();
        assertThat(waiting.readStates()).isEmpty();
        assertThat(round.messages()).containsExactly(
                new AppendRequest(1, 2, 1, 1, 1, List.of(), 1, 1),
                new AppendRequest(1, 3, 1, 0, 0, List.of(), 0, 1));
        assertThat(round.readStates()).isEmpty();
        assertThat(served.readStates()).containsExactly(new ReadState(7, 1));
    }

    @Test
    void readCompletesOnlyOnceAMajorityAnswersAHeartbeatRoundSentAfterIt() {
        Raft raft = leaderWithCommittedNoOp(config(1, 5));

        raft.readIndex(7);
        Ready round = raft.takeReady();
        raft.step(ack(2, 1, 1, 1, 1));
        Ready afterOne = raft.takeReady();
        raft.step(ack(4, 1, 1, 0, 1));
        Ready afterTwo = raft.takeReady();

        List<AppendRequest> heartbeats = messages(round, AppendRequest.class);
        assertThat(heartbeats).extracting(AppendRequest::to).containsExactly(2, 3, 4, 5);
        assertThat(heartbeats).allSatisfy(h -> {
            assertThat(h.isHeartbeat()).isTrue();
            assertThat(h.seq()).isEqualTo(1);
        });
        assertThat(afterOne.readStates()).isEmpty();
        assertThat(afterTwo.readStates()).containsExactly(new ReadState(7, 1));
    }

    @Test
    void answersToRequestsSentBeforeTheReadDoNotConfirmIt() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(7);
        raft.takeReady();

        raft.step(ack(2, 1, 1, 1, 0));
        raft.step(ack(3, 1, 1, 0, 0));

        assertThat(raft.takeReady().readStates()).isEmpty();
    }

    @Test
    void readWaitsForAnAnswerToItsOwnRoundNotToAnEarlierOne() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(1);
        raft.takeReady();
        raft.readIndex(2);
        Ready secondRound = raft.takeReady();

        raft.step(ack(2, 1, 1, 1, 1));
        Ready afterFirstRoundAnswer = raft.takeReady();
        raft.step(ack(3, 1, 1, 0, 2));
        Ready afterSecondRoundAnswer = raft.takeReady();

        assertThat(messages(secondRound, AppendRequest.class))
                .extracting(AppendRequest::seq).containsExactly(2L, 2L);
        assertThat(afterFirstRoundAnswer.readStates()).containsExactly(new ReadState(1, 1));
        assertThat(afterSecondRoundAnswer.readStates()).containsExactly(new ReadState(2, 1));
    }

    @Test
    void readsRequestedBeforeTheNextReadyShareOneRound() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));

        raft.readIndex(1);
        raft.readIndex(2);
        Ready round = raft.takeReady();
        raft.step(ack(2, 1, 1, 1, 1));
        Ready served = raft.takeReady();

        assertThat(round.messages()).hasSize(2);
        assertThat(served.readStates()).containsExactly(new ReadState(1, 1), new ReadState(2, 1));
        assertThat(raft.takeReady().readStates()).isEmpty();
    }

    @Test
    void readIndexIsTheCommitIndexWhenTheReadBegan() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.propose(command("x"));
        raft.takeReady();

        raft.readIndex(9);
        raft.takeReady();
        raft.step(ack(2, 1, 1, 2, 0));
        raft.readIndex(10);
        raft.takeReady();
        raft.step(ack(2, 1, 1, 2, 2));

        assertThat(raft.commitIndex()).isEqualTo(2);
        assertThat(raft.takeReady().readStates())
                .containsExactly(new ReadState(9, 1), new ReadState(10, 2));
    }

    @Test
    void requestsSentAfterARoundBeganCarryItsNumber() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(5);
        raft.takeReady();

        raft.propose(command("x"));
        Ready ready = raft.takeReady();

        assertThat(messages(ready, AppendRequest.class)).extracting(AppendRequest::seq)
                .containsExactly(1L);
    }

    @Test
    void refusalsInTheCurrentTermAlsoConfirmLeadership() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(1);
        raft.takeReady();

        raft.step(new AppendResponse(3, 1, 1, false, 0, 1, 0, 1));

        assertThat(raft.takeReady().readStates()).containsExactly(new ReadState(1, 1));
    }

    @Test
    void readsAreAbortedWhenTheLeaderStepsDown() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(1);
        raft.takeReady();
        raft.readIndex(2);

        raft.step(new AppendResponse(3, 1, 2, false, 0, 0, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.abortedReads()).containsExactly(1L, 2L);
        assertThat(ready.readStates()).isEmpty();
        assertThat(ready.messages()).isEmpty();
        assertThat(raft.readIndex(3)).isFalse();
    }

    @Test
    void abortedReadsAreHandedOutOnce() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(1);
        raft.step(new AppendResponse(3, 1, 2, false, 0, 0, 0, 0));
        raft.takeReady();

        Ready next = raft.takeReady();

        assertThat(next.abortedReads()).isEmpty();
    }

    @Test
    void servedReadIsNotAbortedWhenTheLeaderLaterStepsDown() {
        Raft raft = leader(config(1, 3), 1, List.of());
        raft.readIndex(7);
        raft.step(ack(2, 1, 1, 1));
        raft.takeReady();
        raft.step(ack(2, 1, 1, 1, 1));
        raft.takeReady();

        raft.step(new AppendResponse(3, 1, 2, false, 0, 0, 0, 0));

        assertThat(raft.takeReady().abortedReads()).isEmpty();
    }

    /** Makes a server that lost its leadership in term {@code term - 1} win {@code term}. */
    private static void winAgain(Raft raft, long term) {
        timeOut(raft);
        raft.step(new Message.PreVoteResponse(2, 1, term, true));
        raft.step(new Message.VoteResponse(2, 1, term, true));
        assertThat(raft.role()).isEqualTo(Role.LEADER);
    }

    @Test
    void readAbortedWhileWaitingForTheNoOpIsNotServedInALaterTerm() {
        Raft raft = leader(config(1, 3), 1, List.of());
        raft.readIndex(5);
        raft.step(new AppendResponse(3, 1, 2, false, 0, 0, 0, 0));
        winAgain(raft, 3);
        raft.step(ack(2, 1, 3, 2));

        raft.takeReady();
        raft.step(ack(2, 1, 3, 2, 1));

        assertThat(raft.takeReady().readStates()).isEmpty();
    }

    @Test
    void readAbortedWhileWaitingForItsRoundIsNotServedInALaterTerm() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        raft.readIndex(1);
        raft.takeReady();
        raft.step(new AppendResponse(3, 1, 2, false, 0, 0, 0, 0));
        winAgain(raft, 3);
        raft.step(ack(2, 1, 3, 2));
        raft.readIndex(2);

        raft.takeReady();
        raft.step(ack(2, 1, 3, 2, 1));

        assertThat(raft.takeReady().readStates()).containsExactly(new ReadState(2, 2));
    }

    @Test
    void readsWaitingForTheNoOpAreAbortedWhenTheLeaderStepsDown() {
        Raft raft = leader(config(1, 3), 1, List.of());
        raft.readIndex(5);

        raft.step(new AppendResponse(2, 1, 2, false, 0, 0, 0, 0));
        raft.step(ack(3, 1, 2, 1));
        Ready ready = raft.takeReady();

        assertThat(ready.abortedReads()).containsExactly(5L);
        assertThat(ready.readStates()).isEmpty();
    }

    @Test
    void leaderThatLosesItsQuorumAbortsItsReads() {
        Raft raft = leaderWithCommittedNoOp(config(1, 3));
        tick(raft, 10);
        raft.readIndex(4);

        tick(raft, 10);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(Role.FOLLOWER);
        assertThat(ready.abortedReads()).containsExactly(4L);
    }

    @Test
    void singleServerAnswersReadsAtOnce() {
        Raft raft = fresh(config(1, 1));
        timeOut(raft);
        raft.takeReady();

        raft.readIndex(3);
        Ready ready = raft.takeReady();

        assertThat(ready.readStates()).containsExactly(new ReadState(3, 1));
        assertThat(ready.messages()).isEmpty();
    }

    @Test
    void readIsServedAfterARoundTripThroughTheCluster() {
        Harness cluster = new Harness(config(1, 5));
        cluster.elect(1);
        cluster.node(1).propose(command("x"));
        cluster.deliverAll();

        cluster.node(1).readIndex(42);
        cluster.deliverAll();

        assertThat(cluster.readStates(1)).containsExactly(new ReadState(42, 2));
    }
}
