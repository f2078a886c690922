package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.raft.Fixtures.ack;
import static org.raftteller.raft.Fixtures.append;
import static org.raftteller.raft.Fixtures.appendsTo;
import static org.raftteller.raft.Fixtures.command;
import static org.raftteller.raft.Fixtures.config;
import static org.raftteller.raft.Fixtures.fresh;
import static org.raftteller.raft.Fixtures.leader;
import static org.raftteller.raft.Fixtures.log;
import static org.raftteller.raft.Fixtures.restarted;
import static org.raftteller.raft.Fixtures.tick;
import static org.raftteller.raft.Fixtures.timeOut;
import static org.raftteller.raft.Fixtures.timeoutOffset;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;
import org.raftteller.raft.RaftEvent.VoteCast;

/**
 * How the core meets its runtime: what each Ready holds, proposals, which messages it ignores,
 * restarts from durable state, and the status it reports to observers.
 */
class RaftInterfaceTest {

    // ---------------------------------------------------------------- Ready

    @Test
    void takeReadyAfterNothingIsEmpty() {
        Raft raft = fresh(config(1, 3));

        Ready ready = raft.takeReady();

        assertThat(ready.isEmpty()).isTrue();
        assertThat(ready.needsPersistence()).isFalse();
    }

    @Test
    void everythingIsHandedOutOnlyOnce() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);
        Ready first = raft.takeReady();

        Ready second = raft.takeReady();

        assertThat(first.isEmpty()).isFalse();
        assertThat(second.isEmpty()).isTrue();
    }

    @Test
    void grantedVotesReadyCarriesTheHardStateThatRecordsTheVote() {
        Raft raft = fresh(config(1, 3));

        raft.step(new VoteRequest(2, 1, 1, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.needsPersistence()).isTrue();
        assertThat(ready.hardState()).isEqualTo(new HardState(1, 2));
        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 2, 1, true));
        assertThat(ready.events()).containsExactly(new VoteCast(2, 1));
    }

    @Test
    void appendsReadyCarriesTheEntriesToPersistWithTheAcknowledgementThatPromisesThem() {
        Raft raft = fresh(config(2, 3));

        raft.step(append(1, 2, 1, 0, 0, log(1, 1), 0));
        Ready ready = raft.takeReady();

        assertThat(ready.needsPersistence()).isTrue();
        assertThat(ready.hardState()).isEqualTo(new HardState(1, HardState.NO_VOTE));
        assertThat(ready.entries()).isEqualTo(log(1, 1));
        assertThat(ready.messages()).containsExactly(new AppendResponse(2, 1, 1, true, 2, 0, 0, 0));
    }

    @Test
    void committedEntriesAreHandedOutOnceAndInOrder() {
        Raft raft = fresh(config(2, 3));
        raft.step(append(1, 2, 1, 0, 0, log(1, 1, 1), 2));

        Ready first = raft.takeReady();
        Ready second = raft.takeReady();
        raft.step(append(1, 2, 1, 3, 1, List.of(), 3));
        Ready third = raft.takeReady();

        assertThat(first.committed()).isEqualTo(log(1, 1));
        assertThat(second.committed()).isEmpty();
        assertThat(third.committed()).isEqualTo(log(1, 1, 1).subList(2, 3));
        assertThat(raft.status().appliedIndex()).isEqualTo(3);
    }

    @Test
    void leadersNewEntriesAreInTheSameReadyAsTheAppendsThatCarryThem() {
        Raft raft = leader(config(1, 3), 1, List.of());
        raft.step(ack(2, 1, 1, 1));
        raft.takeReady();

        raft.propose(command("x"));
        Ready ready = raft.takeReady();

        Entry x = raft.entry(2);
        assertThat(ready.entries()).containsExactly(x);
        assertThat(appendsTo(ready, 2)).singleElement()
                .satisfies(r -> assertThat(r.entries()).containsExactly(x));
    }

    @Test
    void singleServerPersistsAndCommitsAProposalInOneReady() {
        Raft raft = fresh(config(1, 1));
        timeOut(raft);
        raft.takeReady();

        raft.propose(command("x"));
        Ready ready = raft.takeReady();

        assertThat(ready.entries()).containsExactly(new Entry(2, 1, command("x")));
        assertThat(ready.committed()).containsExactly(new Entry(2, 1, command("x")));
    }

    // ---------------------------------------------------------------- proposals

    @Test
    void proposalToAFollowerIsRefusedWithTheLeaderItKnows() {
        Raft raft = fresh(config(1, 3));
        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));
        raft.takeReady();

        Proposal proposal = raft.propose(command("x"));

        assertThat(proposal).isEqualTo(new Proposal(false, 0, 0, 2));
        assertThat(raft.lastIndex()).isZero();
        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    @Test
    void proposalToACandidateIsRefusedWithoutALeaderHint() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);

        Proposal proposal = raft.propose(command("x"));

        assertThat(proposal).isEqualTo(new Proposal(false, 0, 0, Raft.NONE));
    }

    @Test
    void proposalToTheLeaderIsPlacedAtTheEndOfItsLogInItsTerm() {
        Raft raft = leader(config(1, 3), 2, log(1, 1));

        Proposal proposal = raft.propose(command("x"));

        assertThat(proposal).isEqualTo(new Proposal(true, 4, 2, 1));
        assertThat(raft.entry(4)).isEqualTo(new Entry(4, 2, command("x")));
    }

    @Test
    void proposedCommandIsCopiedSoTheCallerCannotChangeTheLog() {
        Raft raft = leader(config(1, 3), 1, List.of());
        byte[] cmd = {1, 2};

        raft.propose(cmd);
        cmd[0] = 9;

        assertThat(raft.entry(2).command()).containsExactly(1, 2);
    }

    @Test
    void emptyCommandIsRejectedBecauseItIsTheNoOp() {
        Raft leader = leader(config(1, 3), 1, List.of());
        Raft follower = fresh(config(1, 3));

        assertThatThrownBy(() -> leader.propose(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> follower.propose(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(leader.lastIndex()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- messages ignored

    @Test
    void messagesFromNonMembersAreIgnored() {
        Raft raft = fresh(config(1, 3));

        raft.step(new VoteRequest(4, 1, 1, 0, 0));
        raft.step(append(9, 1, 1, 0, 0, List.of(), 0));

        assertThat(raft.takeReady().isEmpty()).isTrue();
        assertThat(raft.currentTerm()).isZero();
    }

    @Test
    void messagesAddressedToAnotherServerAreIgnored() {
        Raft raft = fresh(config(1, 3));

        raft.step(new VoteRequest(2, 3, 1, 0, 0));
        raft.step(new Message.PreVoteRequest(2, 3, 1, 0, 0));

        assertThat(raft.takeReady().isEmpty()).isTrue();
        assertThat(raft.currentTerm()).isZero();
    }

    @Test
    void messagesClaimingToComeFromItselfAreIgnored() {
        Raft raft = fresh(config(1, 3));

        raft.step(new VoteRequest(1, 1, 1, 0, 0));

        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    @Test
    void messagesWithANegativeTermAreIgnored() {
        Raft raft = fresh(config(1, 3));

        raft.step(new Message.PreVoteRequest(2, 1, -1, 0, 0));

        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- restarts

    @Test
    void restartingFromDurableStateKeepsTermVoteAndLog() {
        Raft raft = restarted(config(1, 3), 5, 3, log(1, 2, 5));

        Ready nothingNew = raft.takeReady();
        raft.step(new VoteRequest(2, 1, 5, 3, 5));
        raft.step(new VoteRequest(3, 1, 5, 3, 5));
        Ready votes = raft.takeReady();

        assertThat(raft.role()).isEqualTo(Role.FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(5);
        assertThat(raft.logEntries()).isEqualTo(log(1, 2, 5));
        assertThat(raft.commitIndex()).isZero();
        assertThat(nothingNew.isEmpty()).isTrue();
        assertThat(votes.messages()).containsExactly(
                new VoteResponse(1, 2, 5, false), new VoteResponse(1, 3, 5, true));
    }

    @Test
    void restartedServerCampaignsWithItsDurableLog() {
        Raft raft = restarted(config(1, 3).withPreVote(false), 5, 3, log(1, 2, 5));

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).contains(new VoteRequest(1, 2, 6, 3, 5));
        assertThat(ready.entries()).isEmpty();
    }

    @Test
    void durableLogWithATermAboveTheDurableCurrentTermAdoptsThatTermWithoutAVote() {
        Raft raft = restarted(config(1, 3), 1, 3, log(1, 2));

        Ready ready = raft.takeReady();

        assertThat(raft.currentTerm()).isEqualTo(2);
        assertThat(raft.status().votedFor()).isZero();
        assertThat(ready.hardState()).isEqualTo(new HardState(2, 0));
    }

    @Test
    void durableLogWhoseLastTermIsTheDurableCurrentTermIsAccepted() {
        Raft raft = restarted(config(1, 3), 2, 0, log(1, 2));

        assertThat(raft.lastIndex()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- observation

    @Test
    void statusOfAFollowerReportsRoleTermVoteLeaderTimerCommitAndLog() {
        Raft raft = new Raft(config(1, 3), new HardState(2, 3), log(1, 2), timeoutOffset(4));
        raft.step(append(3, 1, 2, 2, 2, List.of(), 1));
        tick(raft, 5);
        raft.takeReady();

        RaftStatus status = raft.status();

        assertThat(status).isEqualTo(new RaftStatus(1, Role.FOLLOWER, 2, 3, 3, Set.of(), 5, 14,
                1, 1, 2, 2, Map.of()));
    }

    @Test
    void statusOfAPreCandidateReportsTheVotesGrantedSoFar() {
        Raft raft = fresh(config(1, 5));
        timeOut(raft);
        raft.step(new PreVoteResponse(3, 1, 1, true));
        raft.step(new PreVoteResponse(4, 1, 0, false));

        RaftStatus status = raft.status();

        assertThat(status.role()).isEqualTo(Role.PRE_CANDIDATE);
        assertThat(status.votesGranted()).containsExactlyInAnyOrder(1, 3);
        assertThat(status.leader()).isEqualTo(Raft.NONE);
        assertThat(status.term()).isZero();
    }

    @Test
    void statusOfALeaderReportsEachFollowersProgress() {
        Raft raft = leader(config(1, 3).withReplication(1, 4), 1, List.of());
        raft.step(ack(2, 1, 1, 1));
        raft.propose(command("a"));
        raft.propose(command("b"));
        raft.takeReady();
        tick(raft, 2);

        RaftStatus status = raft.status();

        assertThat(status).isEqualTo(new RaftStatus(1, Role.LEADER, 1, 1, 1, Set.of(), 2, 10,
                1, 1, 3, 1, Map.of(2, new FollowerProgress(4, 1, 2, false),
                        3, new FollowerProgress(1, 0, 0, true))));
    }

    @Test
    void accessorsAgreeWithTheStatus() {
        RaftConfig config = config(1, 3);
        Raft raft = leader(config, 2, log(1, 1));

        assertThat(raft.id()).isEqualTo(1);
        assertThat(raft.config()).isSameAs(config);
        assertThat(raft.role()).isEqualTo(Role.LEADER);
        assertThat(raft.currentTerm()).isEqualTo(2);
        assertThat(raft.leader()).isEqualTo(1);
        assertThat(raft.commitIndex()).isZero();
        assertThat(raft.lastIndex()).isEqualTo(3);
        assertThat(raft.entry(3)).isEqualTo(Entry.noop(3, 2));
        assertThat(raft.peers()).containsExactly(2, 3);
    }
}
