package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.raft.Fixtures.append;
import static org.raftteller.raft.Fixtures.config;
import static org.raftteller.raft.Fixtures.fresh;
import static org.raftteller.raft.Fixtures.leader;
import static org.raftteller.raft.Fixtures.log;
import static org.raftteller.raft.Fixtures.messages;
import static org.raftteller.raft.Fixtures.restarted;
import static org.raftteller.raft.Fixtures.tick;
import static org.raftteller.raft.Fixtures.timeOut;
import static org.raftteller.raft.Fixtures.timeoutOffset;
import static org.raftteller.raft.Role.CANDIDATE;
import static org.raftteller.raft.Role.FOLLOWER;
import static org.raftteller.raft.Role.LEADER;
import static org.raftteller.raft.Role.PRE_CANDIDATE;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteRequest;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;
import org.raftteller.raft.RaftEvent.BecameFollower;
import org.raftteller.raft.RaftEvent.BecameLeader;
import org.raftteller.raft.RaftEvent.ElectionStarted;
import org.raftteller.raft.RaftEvent.ElectionTimeout;
import org.raftteller.raft.RaftEvent.LeaderKnown;
import org.raftteller.raft.RaftEvent.PreVoteStarted;
import org.raftteller.raft.RaftEvent.VoteCast;

/** Leader election (section 5.2), the voting rules (5.4.1) and Pre-Vote with leases (9.6). */
class RaftElectionTest {

    // ---------------------------------------------------------------- election timer

    @Test
    void electionTimerDoesNotRunOutBeforeItsTimeout() {
        Raft raft = fresh(config(1, 3));

        tick(raft, 9);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(ready.isEmpty()).isTrue();
        assertThat(raft.status().electionElapsed()).isEqualTo(9);
    }

    @Test
    void electionTimeoutIsDrawnFromTheMinimumUpToButExcludingTheMaximum() {
        RaftConfig config = config(1, 3).withElectionTicks(10, 14, 3);
        Raft raft = new Raft(config, HardState.INITIAL, List.of(), new SplittableRandom(42));
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 200; i++) {
            seen.add(raft.status().electionTimeout());
            timeOut(raft);
        }

        assertThat(seen).containsExactlyInAnyOrder(10, 11, 12, 13);
    }

    @Test
    void heartbeatFromTheLeaderResetsTheElectionTimer() {
        Raft raft = restarted(config(1, 3), 1, HardState.NO_VOTE, List.of());
        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));
        tick(raft, 9);

        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));
        tick(raft, 9);

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.status().electionElapsed()).isEqualTo(9);
    }

    // ---------------------------------------------------------------- campaigns

    @Test
    void followerWhoseTimerRunsOutPreVotesWithoutChangingItsTerm() {
        Raft raft = restarted(config(1, 3), 2, 2, log(1, 1, 2));

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);
        assertThat(raft.currentTerm()).isEqualTo(2);
        assertThat(raft.status().votedFor()).isEqualTo(2);
        assertThat(ready.hardState()).isNull();
        assertThat(ready.messages()).containsExactly(
                new PreVoteRequest(1, 2, 3, 3, 2), new PreVoteRequest(1, 3, 3, 3, 2));
        assertThat(ready.events()).containsExactly(
                new ElectionTimeout(2, FOLLOWER), new PreVoteStarted(3));
    }

    @Test
    void preCandidateThatHearsNothingPreVotesAgainAtItsNextTimeout() {
        Raft raft = fresh(config(1, 3));
        timeOut(raft);
        raft.takeReady();

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);
        assertThat(raft.currentTerm()).isZero();
        assertThat(ready.events()).containsExactly(
                new ElectionTimeout(0, PRE_CANDIDATE), new PreVoteStarted(1));
        assertThat(messages(ready, PreVoteRequest.class)).hasSize(2);
    }

    @Test
    void withoutPreVoteATimedOutFollowerBecomesCandidateForTheNextTermAndVotesForItself() {
        Raft raft = fresh(config(1, 3).withPreVote(false));

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(CANDIDATE);
        assertThat(raft.currentTerm()).isEqualTo(1);
        assertThat(ready.hardState()).isEqualTo(new HardState(1, 1));
        assertThat(ready.messages()).containsExactly(
                new VoteRequest(1, 2, 1, 0, 0), new VoteRequest(1, 3, 1, 0, 0));
        assertThat(ready.events()).containsExactly(
                new ElectionTimeout(0, FOLLOWER), new ElectionStarted(1));
        assertThat(raft.status().votesGranted()).containsExactly(1);
    }

    @Test
    void candidateThatHearsNothingStartsAnElectionInTheNextTerm() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);
        raft.takeReady();

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(raft.currentTerm()).isEqualTo(2);
        assertThat(ready.hardState()).isEqualTo(new HardState(2, 1));
        assertThat(ready.messages()).containsExactly(
                new VoteRequest(1, 2, 2, 0, 0), new VoteRequest(1, 3, 2, 0, 0));
    }

    @Test
    void singleMemberClusterElectsItselfAtItsFirstTimeout() {
        Raft raft = fresh(config(1, 1));

        timeOut(raft);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(raft.leader()).isEqualTo(1);
        assertThat(ready.hardState()).isEqualTo(new HardState(1, 1));
        assertThat(ready.messages()).isEmpty();
        assertThat(ready.entries()).containsExactly(Entry.noop(1, 1));
        assertThat(ready.committed()).containsExactly(Entry.noop(1, 1));
        assertThat(ready.events()).containsExactly(
                new ElectionTimeout(0, FOLLOWER), new PreVoteStarted(1), new ElectionStarted(1),
                new LeaderKnown(1, 1), new BecameLeader(1, Set.of(1)));
    }

    @Test
    void singleMemberClusterWithoutPreVoteAlsoElectsItselfAtOnce() {
        Raft raft = fresh(config(1, 1).withPreVote(false));

        timeOut(raft);

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(raft.currentTerm()).isEqualTo(1);
    }

    @Test
    void campaigningServerForgetsTheLeaderItKnew() {
        Raft preCandidate = fresh(config(1, 3));
        Raft candidate = fresh(config(1, 3).withPreVote(false));
        preCandidate.step(append(2, 1, 1, 0, 0, List.of(), 0));
        candidate.step(append(2, 1, 1, 0, 0, List.of(), 0));

        timeOut(preCandidate);
        timeOut(candidate);

        assertThat(preCandidate.leader()).isEqualTo(Raft.NONE);
        assertThat(candidate.leader()).isEqualTo(Raft.NONE);
        assertThat(candidate.propose(Fixtures.command("x")).leader()).isEqualTo(Raft.NONE);
    }

    @Test
    void leaderThatStepsDownRestartsItsElectionTimerInsteadOfCampaigningAtOnce() {
        Raft raft = leader(config(1, 3).withCheckQuorum(false), 1, List.of());
        tick(raft, 50);

        raft.step(new AppendResponse(2, 1, 2, false, 0, 0, 0, 0));
        tick(raft, 9);

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.status().electionElapsed()).isEqualTo(9);
    }

    // ---------------------------------------------------------------- counting pre-votes

    @Test
    void preCandidateGrantedPreVotesByAMajorityBecomesCandidate() {
        Raft raft = fresh(config(1, 3));
        timeOut(raft);
        raft.takeReady();

        raft.step(new PreVoteResponse(2, 1, 1, true));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(CANDIDATE);
        assertThat(raft.currentTerm()).isEqualTo(1);
        assertThat(ready.hardState()).isEqualTo(new HardState(1, 1));
        assertThat(ready.messages()).containsExactly(
                new VoteRequest(1, 2, 1, 0, 0), new VoteRequest(1, 3, 1, 0, 0));
    }

    @Test
    void preCandidateNeedsPreVotesFromAMajority() {
        Raft raft = fresh(config(1, 5));
        timeOut(raft);

        raft.step(new PreVoteResponse(2, 1, 1, true));
        raft.step(new PreVoteResponse(4, 1, 0, false));

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);
        assertThat(raft.status().votesGranted()).containsExactlyInAnyOrder(1, 2);

        raft.step(new PreVoteResponse(3, 1, 1, true));

        assertThat(raft.role()).isEqualTo(CANDIDATE);
    }

    @Test
    void preCandidateRefusedByAMajorityReturnsToFollowerInTheSameTerm() {
        Raft raft = fresh(config(1, 3));
        timeOut(raft);
        raft.takeReady();

        raft.step(new PreVoteResponse(2, 1, 0, false));

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);

        raft.step(new PreVoteResponse(3, 1, 0, false));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isZero();
        assertThat(ready.hardState()).isNull();
        assertThat(ready.events()).containsExactly(new BecameFollower(0, 0, PRE_CANDIDATE));
    }

    @Test
    void eachPreVoteRoundCountsOnlyItsOwnAnswers() {
        Raft raft = fresh(config(1, 5));
        timeOut(raft);
        raft.step(new PreVoteResponse(2, 1, 1, true));

        timeOut(raft);

        assertThat(raft.status().votesGranted()).containsExactly(1);

        raft.step(new PreVoteResponse(3, 1, 1, true));

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);
    }

    @Test
    void preVoteGrantedForAnotherTermIsIgnored() {
        Raft raft = fresh(config(1, 3));
        timeOut(raft);

        raft.step(new PreVoteResponse(2, 1, 2, true));

        assertThat(raft.role()).isEqualTo(PRE_CANDIDATE);
        assertThat(raft.status().votesGranted()).containsExactly(1);
    }

    @Test
    void refusedPreVoteCarryingAHigherTermMakesThePreCandidateFollowInThatTerm() {
        Raft raft = fresh(config(1, 3));
        timeOut(raft);
        raft.takeReady();

        raft.step(new PreVoteResponse(2, 1, 3, false));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(3);
        assertThat(ready.hardState()).isEqualTo(new HardState(3, HardState.NO_VOTE));
    }

    @Test
    void preVoteAnswersReachingAServerThatIsNoLongerPreCandidateChangeNothing() {
        Raft raft = fresh(config(1, 3));

        raft.step(new PreVoteResponse(2, 1, 1, true));
        raft.step(new PreVoteResponse(3, 1, 1, true));

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- counting votes

    @Test
    void candidateGrantedVotesByAMajorityBecomesLeader() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);
        raft.takeReady();

        raft.step(new VoteResponse(2, 1, 1, true));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(raft.leader()).isEqualTo(1);
        assertThat(raft.status().votesGranted()).isEmpty();
        assertThat(ready.events()).containsExactly(
                new LeaderKnown(1, 1), new BecameLeader(1, Set.of(1, 2)));
    }

    @Test
    void candidateNeedsVotesFromAMajority() {
        Raft raft = fresh(config(1, 5).withPreVote(false));
        timeOut(raft);

        raft.step(new VoteResponse(2, 1, 1, true));
        raft.step(new VoteResponse(3, 1, 1, false));

        assertThat(raft.role()).isEqualTo(CANDIDATE);
        assertThat(raft.status().votesGranted()).containsExactlyInAnyOrder(1, 2);

        raft.step(new VoteResponse(4, 1, 1, true));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(ready.events()).contains(new BecameLeader(1, Set.of(1, 2, 4)));
    }

    @Test
    void candidateRefusedByAMajorityStepsDownWithoutLeavingItsTerm() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);
        raft.takeReady();

        raft.step(new VoteResponse(2, 1, 1, false));

        assertThat(raft.role()).isEqualTo(CANDIDATE);

        raft.step(new VoteResponse(3, 1, 1, false));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(1);
        assertThat(raft.status().votedFor()).isEqualTo(1);
        assertThat(ready.events()).containsExactly(new BecameFollower(1, 0, CANDIDATE));
    }

    @Test
    void candidateThatStepsDownForgetsTheVotesItGathered() {
        Raft raft = fresh(config(1, 5).withPreVote(false));
        timeOut(raft);
        raft.step(new VoteResponse(2, 1, 1, true));

        raft.step(new VoteResponse(3, 1, 2, false));

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.status().votesGranted()).isEmpty();
    }

    @Test
    void votesArrivingAfterTheElectionIsDecidedChangeNothing() {
        Raft raft = leader(config(1, 3), 1, List.of());

        raft.step(new VoteResponse(3, 1, 1, true));
        raft.step(new VoteResponse(2, 1, 1, false));

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- granting votes

    @Test
    void voteIsGrantedAtMostOncePerTerm() {
        Raft raft = fresh(config(1, 3));

        raft.step(new VoteRequest(2, 1, 1, 0, 0));
        raft.step(new VoteRequest(3, 1, 1, 0, 0));
        raft.step(new VoteRequest(2, 1, 1, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 2, 1, true),
                new VoteResponse(1, 3, 1, false), new VoteResponse(1, 2, 1, true));
        assertThat(ready.hardState()).isEqualTo(new HardState(1, 2));
        assertThat(ready.events()).containsExactly(new VoteCast(2, 1), new VoteCast(2, 1));
    }

    @Test
    void aNewTermFreesTheVote() {
        Raft raft = restarted(config(1, 3), 1, 2, List.of());

        raft.step(new VoteRequest(3, 1, 2, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 3, 2, true));
        assertThat(ready.hardState()).isEqualTo(new HardState(2, 3));
    }

    @Test
    void voteIsRefusedToACandidateWhoseLastTermIsOlder() {
        Raft raft = restarted(config(1, 3), 2, HardState.NO_VOTE, log(1, 2));

        raft.step(new VoteRequest(2, 1, 3, 5, 1));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 2, 3, false));
        assertThat(ready.hardState()).isEqualTo(new HardState(3, HardState.NO_VOTE));
    }

    @Test
    void voteIsRefusedToACandidateWithTheSameLastTermButAShorterLog() {
        Raft raft = restarted(config(1, 3), 2, HardState.NO_VOTE, log(1, 2, 2));

        raft.step(new VoteRequest(2, 1, 3, 2, 2));

        assertThat(raft.takeReady().messages()).containsExactly(new VoteResponse(1, 2, 3, false));
        assertThat(raft.status().votedFor()).isEqualTo(HardState.NO_VOTE);
    }

    @ParameterizedTest(name = "last index {0}, last term {1}")
    @CsvSource({"3, 2", "4, 2", "1, 3"})
    void voteIsGrantedToACandidateWhoseLogIsAtLeastAsUpToDate(long lastIndex, long lastTerm) {
        Raft raft = restarted(config(1, 3), 2, HardState.NO_VOTE, log(1, 2, 2));

        raft.step(new VoteRequest(2, 1, 3, lastIndex, lastTerm));

        assertThat(raft.takeReady().messages()).containsExactly(new VoteResponse(1, 2, 3, true));
    }

    @Test
    void grantingAVoteResetsTheElectionTimer() {
        Raft raft = restarted(config(1, 3), 1, HardState.NO_VOTE, List.of());
        tick(raft, 7);

        raft.step(new VoteRequest(2, 1, 1, 0, 0));

        assertThat(raft.status().electionElapsed()).isZero();
    }

    @Test
    void refusingAVoteLeavesTheElectionTimerRunning() {
        Raft raft = restarted(config(1, 3), 1, 3, List.of());
        tick(raft, 7);

        raft.step(new VoteRequest(2, 1, 1, 0, 0));

        assertThat(raft.status().electionElapsed()).isEqualTo(7);
    }

    // ---------------------------------------------------------------- terms (section 5.1)

    @Test
    void requestsFromAnOlderTermAreRefusedWithTheCurrentTerm() {
        Raft raft = restarted(config(1, 3), 5, HardState.NO_VOTE, log(1, 3));

        raft.step(new VoteRequest(2, 1, 4, 9, 4));
        raft.step(new Message.AppendRequest(3, 1, 4, 2, 3, log(1, 3, 4).subList(2, 3), 2, 7));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 2, 5, false),
                new AppendResponse(1, 3, 5, false, 2, 0, 0, 7));
        assertThat(ready.hardState()).isNull();
        assertThat(ready.entries()).isEmpty();
        assertThat(raft.leader()).isEqualTo(Raft.NONE);
    }

    @Test
    void answersFromAnOlderTermAreDropped() {
        Raft raft = restarted(config(1, 3).withPreVote(false), 2, HardState.NO_VOTE, List.of());
        timeOut(raft);
        raft.takeReady();

        raft.step(new VoteResponse(2, 1, 2, true));
        raft.step(new VoteResponse(3, 1, 2, true));

        assertThat(raft.role()).isEqualTo(CANDIDATE);
        assertThat(raft.takeReady().isEmpty()).isTrue();
    }

    @Test
    void higherTermMakesALeaderStepDown() {
        Raft raft = leader(config(1, 3), 1, List.of());

        raft.step(new AppendResponse(2, 1, 2, false, 0, 0, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(2);
        assertThat(raft.leader()).isEqualTo(Raft.NONE);
        assertThat(raft.status().followers()).isEmpty();
        assertThat(ready.hardState()).isEqualTo(new HardState(2, HardState.NO_VOTE));
        assertThat(ready.events()).containsExactly(new BecameFollower(2, 0, LEADER));
    }

    @Test
    void higherTermMakesACandidateStepDown() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);

        raft.step(new VoteResponse(2, 1, 3, false));

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(3);
        assertThat(raft.status().votedFor()).isEqualTo(HardState.NO_VOTE);
    }

    @Test
    void appendRequestOfAHigherTermMakesItsSenderTheKnownLeader() {
        Raft raft = restarted(config(1, 3), 1, 3, List.of());

        raft.step(append(2, 1, 3, 0, 0, List.of(), 0));
        Ready ready = raft.takeReady();

        assertThat(raft.leader()).isEqualTo(2);
        assertThat(raft.currentTerm()).isEqualTo(3);
        assertThat(ready.hardState()).isEqualTo(new HardState(3, HardState.NO_VOTE));
        assertThat(ready.events()).containsExactly(new LeaderKnown(2, 3));
    }

    @Test
    void appendRequestFromTheCurrentTermsLeaderEndsACandidacy() {
        Raft raft = fresh(config(1, 3).withPreVote(false));
        timeOut(raft);
        raft.takeReady();

        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.leader()).isEqualTo(2);
        assertThat(ready.events()).containsExactly(
                new LeaderKnown(2, 1), new BecameFollower(1, 2, CANDIDATE));
        assertThat(ready.messages()).containsExactly(new AppendResponse(1, 2, 1, true, 0, 0, 0, 0));
    }

    @Test
    void appendRequestFromTheCurrentTermsLeaderEndsAPreCandidacy() {
        Raft raft = restarted(config(1, 3), 1, HardState.NO_VOTE, List.of());
        timeOut(raft);

        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.leader()).isEqualTo(2);
    }

    @Test
    void followerReportsItsLeaderAgainWhenThatLeaderLeadsALaterTerm() {
        Raft raft = fresh(config(2, 3));
        raft.step(append(1, 2, 1, 0, 0, List.of(), 0));
        raft.takeReady();

        raft.step(append(1, 2, 3, 0, 0, List.of(), 0));
        Ready ready = raft.takeReady();

        assertThat(raft.currentTerm()).isEqualTo(3);
        assertThat(ready.events()).containsExactly(new LeaderKnown(1, 3));
    }

    // ---------------------------------------------------------------- Pre-Vote and leases (9.6)

    /** Follower 1 of three, in term 1 under leader 2, whose election timer runs 19 ticks. */
    private static Raft followerWithSlowTimer(RaftConfig config) {
        Raft raft = new Raft(config, new HardState(1, HardState.NO_VOTE), List.of(),
                timeoutOffset(9));
        raft.step(append(2, 1, 1, 0, 0, List.of(), 0));
        raft.takeReady();
        return raft;
    }

    @Test
    void preVoteIsRefusedWhileALeaderWasHeardFromWithinTheMinimumElectionTimeout() {
        Raft raft = followerWithSlowTimer(config(1, 3));
        tick(raft, 9);

        raft.step(new PreVoteRequest(3, 1, 2, 0, 0));

        assertThat(raft.takeReady().messages()).containsExactly(new PreVoteResponse(1, 3, 1, false));
    }

    @Test
    void preVoteIsGrantedOnceTheLeaderWasSilentForTheMinimumElectionTimeout() {
        Raft raft = followerWithSlowTimer(config(1, 3));
        tick(raft, 10);

        raft.step(new PreVoteRequest(3, 1, 2, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(ready.messages()).containsExactly(new PreVoteResponse(1, 3, 2, true));
        assertThat(ready.hardState()).isNull();
        assertThat(raft.currentTerm()).isEqualTo(1);
    }

    @Test
    void preVoteNeverChangesTheReceiversTermVoteOrTimer() {
        Raft raft = restarted(config(1, 3), 3, 2, List.of());
        tick(raft, 4);

        raft.step(new PreVoteRequest(3, 1, 7, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new PreVoteResponse(1, 3, 7, true));
        assertThat(ready.hardState()).isNull();
        assertThat(ready.events()).isEmpty();
        assertThat(raft.currentTerm()).isEqualTo(3);
        assertThat(raft.status().votedFor()).isEqualTo(2);
        assertThat(raft.status().electionElapsed()).isEqualTo(4);
    }

    @Test
    void preVoteIsRefusedToALessUpToDateLog() {
        Raft raft = restarted(config(1, 3), 2, HardState.NO_VOTE, log(1, 2));

        raft.step(new PreVoteRequest(2, 1, 3, 5, 1));
        raft.step(new PreVoteRequest(3, 1, 3, 1, 2));

        assertThat(raft.takeReady().messages()).containsExactly(
                new PreVoteResponse(1, 2, 2, false), new PreVoteResponse(1, 3, 2, false));
    }

    @Test
    void preVoteIsRefusedForATermNoHigherThanTheReceivers() {
        Raft raft = restarted(config(1, 3), 5, HardState.NO_VOTE, List.of());

        raft.step(new PreVoteRequest(2, 1, 5, 0, 0));
        raft.step(new PreVoteRequest(3, 1, 4, 0, 0));

        assertThat(raft.takeReady().messages()).containsExactly(
                new PreVoteResponse(1, 2, 5, false), new PreVoteResponse(1, 3, 5, false));
    }

    @Test
    void voteRequestOfAHigherTermIsRefusedWithoutAdoptingTheTermWhileALeaderIsHeardFrom() {
        Raft raft = followerWithSlowTimer(config(1, 3));
        tick(raft, 9);

        raft.step(new VoteRequest(3, 1, 2, 5, 1));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 3, 1, false));
        assertThat(ready.hardState()).isNull();
        assertThat(raft.currentTerm()).isEqualTo(1);
        assertThat(raft.leader()).isEqualTo(2);
    }

    @Test
    void voteRequestOfAHigherTermIsConsideredOnceTheLeaseHasExpired() {
        Raft raft = followerWithSlowTimer(config(1, 3));
        tick(raft, 10);

        raft.step(new VoteRequest(3, 1, 2, 0, 0));
        Ready ready = raft.takeReady();

        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 3, 2, true));
        assertThat(ready.hardState()).isEqualTo(new HardState(2, 3));
        assertThat(raft.leader()).isEqualTo(Raft.NONE);
    }

    @Test
    void withoutCheckQuorumFollowersHoldNoLease() {
        Raft raft = followerWithSlowTimer(config(1, 3).withCheckQuorum(false));

        raft.step(new PreVoteRequest(3, 1, 2, 0, 0));
        raft.step(new VoteRequest(3, 1, 2, 0, 0));

        assertThat(raft.takeReady().messages()).containsExactly(
                new PreVoteResponse(1, 3, 2, true), new VoteResponse(1, 3, 2, true));
        assertThat(raft.currentTerm()).isEqualTo(2);
    }

    @Test
    void leaderWithCheckQuorumRefusesPreVotesAndVotesOfHigherTerms() {
        Raft raft = leader(config(1, 3), 1, List.of());
        tick(raft, 9);
        raft.takeReady();

        raft.step(new PreVoteRequest(2, 1, 2, 10, 1));
        raft.step(new VoteRequest(3, 1, 2, 10, 1));

        assertThat(raft.takeReady().messages()).containsExactly(
                new PreVoteResponse(1, 2, 1, false), new VoteResponse(1, 3, 1, false));
        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(raft.currentTerm()).isEqualTo(1);
    }

    @Test
    void withoutCheckQuorumALeaderIsDeposedByAVoteRequestOfAHigherTerm() {
        Raft raft = leader(config(1, 3).withCheckQuorum(false), 1, List.of());

        raft.step(new VoteRequest(2, 1, 2, 1, 1));
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(ready.messages()).containsExactly(new VoteResponse(1, 2, 2, true));
        assertThat(ready.hardState()).isEqualTo(new HardState(2, 2));
    }

    @Test
    void leaderRefusesAVoteInItsOwnTermHavingVotedForItself() {
        Raft raft = leader(config(1, 3), 1, List.of());

        raft.step(new VoteRequest(3, 1, 1, 10, 1));

        assertThat(raft.takeReady().messages()).containsExactly(new VoteResponse(1, 3, 1, false));
    }

    // ---------------------------------------------------------------- whole elections

    @Test
    void threeServersElectTheOneWhoseTimerRunsOutFirst() {
        Harness cluster = new Harness(config(1, 3));

        cluster.elect(2);
        cluster.tickAll(3);

        assertThat(cluster.node(1).leader()).isEqualTo(2);
        assertThat(cluster.node(3).leader()).isEqualTo(2);
        assertThat(cluster.node(1).currentTerm()).isEqualTo(1);
        assertThat(cluster.committed(1)).containsExactly(Entry.noop(1, 1));
        assertThat(cluster.committed(2)).containsExactly(Entry.noop(1, 1));
    }

    @Test
    void serverWithAStaleLogCannotWinAPreVote() {
        Harness cluster = new Harness(config(1, 3).withCheckQuorum(false));
        cluster.elect(1);
        cluster.cutOff(3);
        cluster.node(1).propose(Fixtures.command("x"));
        cluster.deliverAll();
        cluster.reconnect(3);
        cluster.cutOff(1);

        timeOut(cluster.node(3));
        cluster.deliverAll();

        assertThat(cluster.node(3).role()).isEqualTo(PRE_CANDIDATE);
        assertThat(cluster.node(3).currentTerm()).isEqualTo(1);
        assertThat(cluster.node(2).currentTerm()).isEqualTo(1);
    }
}
