package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void newFollowerIsProbedFromTheGivenIndexAndAssumedActive() {
        Progress pr = new Progress(5);

        assertThat(pr.snapshot()).isEqualTo(new FollowerProgress(5, 0, 0, true));
        assertThat(pr.recentActive).isTrue();
        assertThat(pr.probeSent).isFalse();
    }

    @Test
    void acknowledgementMovesMatchAndNextIndexForward() {
        Progress pr = new Progress(1);

        boolean moved = pr.acknowledge(4);

        assertThat(moved).isTrue();
        assertThat(pr.matchIndex).isEqualTo(4);
        assertThat(pr.nextIndex).isEqualTo(5);
    }

    @Test
    void acknowledgementNeverMovesMatchIndexBack() {
        Progress pr = new Progress(1);
        pr.acknowledge(4);

        boolean moved = pr.acknowledge(3);
        boolean again = pr.acknowledge(4);

        assertThat(moved).isFalse();
        assertThat(again).isFalse();
        assertThat(pr.matchIndex).isEqualTo(4);
    }

    @Test
    void acknowledgementDoesNotPullNextIndexBackBehindRequestsInFlight() {
        Progress pr = new Progress(1);
        pr.becomeReplicate();
        pr.inflight.addLast(3L);
        pr.inflight.addLast(6L);
        pr.nextIndex = 7;

        pr.acknowledge(3);

        assertThat(pr.nextIndex).isEqualTo(7);
        assertThat(pr.inflight).containsExactly(6L);
    }

    @Test
    void acknowledgementFreesEveryRequestItCovers() {
        Progress pr = new Progress(1);
        pr.inflight.addLast(2L);
        pr.inflight.addLast(4L);
        pr.inflight.addLast(6L);

        pr.acknowledge(4);

        assertThat(pr.inflight).containsExactly(6L);
    }

    @Test
    void staleAcknowledgementStillFreesTheRequestsItCovers() {
        Progress pr = new Progress(1);
        pr.acknowledge(5);
        pr.inflight.addLast(5L);
        pr.inflight.addLast(8L);

        boolean moved = pr.acknowledge(5);

        assertThat(moved).isFalse();
        assertThat(pr.inflight).containsExactly(8L);
    }

    @Test
    void windowIsFullAtTheMaximumNumberOfRequestsInFlight() {
        Progress pr = new Progress(1);
        pr.inflight.addLast(2L);

        assertThat(pr.windowFull(2)).isFalse();

        pr.inflight.addLast(3L);

        assertThat(pr.windowFull(2)).isTrue();
    }

    @Test
    void becomingReplicatedResumesRightAfterTheMatchIndex() {
        Progress pr = new Progress(9);
        pr.acknowledge(4);
        pr.nextIndex = 9;
        pr.probeSent = true;
        pr.inflight.addLast(9L);

        pr.becomeReplicate();

        assertThat(pr.snapshot()).isEqualTo(new FollowerProgress(5, 4, 0, false));
        assertThat(pr.probeSent).isFalse();
    }

    @Test
    void becomingProbedForgetsRequestsInFlightAndAllowsANewProbe() {
        Progress pr = new Progress(1);
        pr.becomeReplicate();
        pr.inflight.addLast(5L);
        pr.probeSent = true;

        pr.becomeProbe(3);

        assertThat(pr.snapshot()).isEqualTo(new FollowerProgress(3, 0, 0, true));
        assertThat(pr.probeSent).isFalse();
    }

    @Test
    void probingNeverStartsAtOrBeforeTheMatchIndex() {
        Progress pr = new Progress(1);
        pr.acknowledge(4);

        pr.becomeProbe(2);

        assertThat(pr.nextIndex).isEqualTo(5);
    }
}
