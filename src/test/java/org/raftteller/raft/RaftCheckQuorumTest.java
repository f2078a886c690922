package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.raft.Fixtures.ack;
import static org.raftteller.raft.Fixtures.config;
import static org.raftteller.raft.Fixtures.events;
import static org.raftteller.raft.Fixtures.leader;
import static org.raftteller.raft.Fixtures.refusal;
import static org.raftteller.raft.Fixtures.tick;
import static org.raftteller.raft.Role.FOLLOWER;
import static org.raftteller.raft.Role.LEADER;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.RaftEvent.BecameFollower;
import org.raftteller.raft.RaftEvent.QuorumLost;

/**
 * CheckQuorum (dissertation 6.2 and 9.6): a leader checks every {@code electionTicksMin} ticks
 * that a majority answered it since the previous check, and steps down otherwise. The election
 * that made it leader counts as having heard from everyone, so the first check always passes.
 */
class RaftCheckQuorumTest {

    @Test
    void leaderStepsDownAtTheEndOfACheckPeriodInWhichNoMajorityAnswered() {
        Raft raft = leader(config(1, 3), 1, List.of());
        tick(raft, 10);
        raft.takeReady();
        tick(raft, 9);

        assertThat(raft.role()).isEqualTo(LEADER);

        tick(raft, 1);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(FOLLOWER);
        assertThat(raft.currentTerm()).isEqualTo(1);
        assertThat(raft.leader()).isEqualTo(Raft.NONE);
        assertThat(ready.events()).containsExactly(
                new QuorumLost(1), new BecameFollower(1, Raft.NONE, LEADER));
        assertThat(ready.hardState()).isNull();
    }

    @Test
    void leaderThatStepsDownForLackOfAQuorumStopsSendingHeartbeats() {
        Raft raft = leader(config(1, 3), 1, List.of());
        tick(raft, 20);
        raft.takeReady();

        tick(raft, 9);

        assertThat(raft.takeReady().messages()).isEmpty();
    }

    @Test
    void anyAnswerOfTheCurrentTermCountsAsHearingFromThatFollower() {
        Raft raft = leader(config(1, 3), 1, List.of());
        tick(raft, 10);

        raft.step(refusal(2, 1, 1, 7, 1, 0));
        tick(raft, 10);

        assertThat(raft.role()).isEqualTo(LEADER);

        tick(raft, 10);

        assertThat(raft.role()).isEqualTo(FOLLOWER);
    }

    @Test
    void answersFromAMinorityAreNotEnough() {
        Raft raft = leader(config(1, 5), 1, List.of());
        tick(raft, 10);

        raft.step(ack(2, 1, 1, 1));
        tick(raft, 10);

        assertThat(raft.role()).isEqualTo(FOLLOWER);
    }

    @Test
    void answersFromExactlyAMajorityAreEnough() {
        Raft raft = leader(config(1, 5), 1, List.of());
        tick(raft, 10);

        raft.step(ack(2, 1, 1, 1));
        raft.step(ack(5, 1, 1, 1));
        tick(raft, 10);

        assertThat(raft.role()).isEqualTo(LEADER);
    }

    @Test
    void withoutCheckQuorumASilentLeaderStaysLeader() {
        Raft raft = leader(config(1, 3).withCheckQuorum(false), 1, List.of());

        tick(raft, 100);
        Ready ready = raft.takeReady();

        assertThat(raft.role()).isEqualTo(LEADER);
        assertThat(events(ready, QuorumLost.class)).isEmpty();
    }

    @Test
    void leaderThatHearsFromAMajorityKeepsLeading() {
        Harness cluster = new Harness(config(1, 3));
        cluster.elect(1);
        cluster.cutOff(3);

        cluster.tickAll(60);

        assertThat(cluster.node(1).role()).isEqualTo(LEADER);
        assertThat(cluster.node(1).currentTerm()).isEqualTo(1);
        assertThat(cluster.node(2).leader()).isEqualTo(1);
    }

    @Test
    void leaderCutOffFromTheMajorityStepsDownAndTheMajorityElectsAnother() {
        Harness cluster = new Harness(config(1, 3));
        cluster.elect(1);
        cluster.cutOff(1);

        cluster.tickAll(25);

        assertThat(cluster.node(1).role()).isEqualTo(FOLLOWER);
        assertThat(cluster.events(1)).contains(new QuorumLost(1));
        assertThat(cluster.node(2).role()).isEqualTo(LEADER);
        assertThat(cluster.node(2).currentTerm()).isEqualTo(2);
        assertThat(cluster.node(3).leader()).isEqualTo(2);
    }
}
