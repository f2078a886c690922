package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RaftConfigTest {

    private static final List<Integer> FIVE = List.of(1, 2, 3, 4, 5);

    private static RaftConfig config(int min, int max, int heartbeat, int entries, int inflight) {
        return new RaftConfig(1, FIVE, min, max, heartbeat, true, true, entries, inflight);
    }

    @Test
    void defaultsElectAfterTenToTwentyTicksWithHeartbeatsEveryThreeAndBothSafeguardsOn() {
        RaftConfig config = RaftConfig.of(2, FIVE);

        assertThat(config).isEqualTo(new RaftConfig(2, FIVE, 10, 20, 3, true, true, 64, 64));
    }

    @ParameterizedTest(name = "{0} members need {1}")
    @CsvSource({"1, 1", "2, 2", "3, 2", "4, 3", "5, 3", "6, 4", "7, 4"})
    void quorumIsAStrictMajorityOfTheMembers(int size, int quorum) {
        RaftConfig config = RaftConfig.of(1, Fixtures.members(size));

        assertThat(config.quorum()).isEqualTo(quorum);
    }

    @Test
    void membersAreCopiedSoTheCallerCannotChangeTheCluster() {
        List<Integer> members = new ArrayList<>(List.of(1, 2, 3));
        RaftConfig config = RaftConfig.of(1, members);

        members.add(4);

        assertThat(config.members()).containsExactly(1, 2, 3);
    }

    @Test
    void clusterWithoutMembersIsRefused() {
        assertThatThrownBy(() -> RaftConfig.of(1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one member");
    }

    @Test
    void duplicateMemberIdsAreRefused() {
        assertThatThrownBy(() -> RaftConfig.of(1, List.of(1, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }

    @Test
    void nonPositiveMemberIdsAreRefusedBecauseZeroMeansNobody() {
        assertThatThrownBy(() -> RaftConfig.of(1, List.of(0, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> RaftConfig.of(1, List.of(-1, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void idOutsideTheMembersIsRefused() {
        assertThatThrownBy(() -> RaftConfig.of(4, List.of(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not among the members");
    }

    @Test
    void heartbeatIntervalOfLessThanOneTickIsRefused() {
        assertThatThrownBy(() -> config(10, 20, 0, 64, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeatTicks");
    }

    @Test
    void electionTimeoutMustBeLongerThanTheHeartbeatInterval() {
        assertThatThrownBy(() -> config(3, 20, 3, 64, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than the heartbeat");
    }

    @Test
    void electionTimeoutRangeMustNotBeEmpty() {
        assertThatThrownBy(() -> config(10, 10, 3, 64, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("electionTicksMax");
    }

    @Test
    void batchAndWindowSizesMustBeAtLeastOne() {
        assertThatThrownBy(() -> config(10, 20, 3, 0, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config(10, 20, 3, 64, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallestValidSettingsAreAccepted() {
        RaftConfig config = config(2, 3, 1, 1, 1);

        assertThat(config.electionTicksMin()).isEqualTo(2);
    }

    @Test
    void withMethodsChangeOnlyWhatTheyName() {
        RaftConfig base = new RaftConfig(1, FIVE, 10, 20, 3, true, true, 64, 64);

        assertThat(base.withElectionTicks(30, 60, 5))
                .isEqualTo(new RaftConfig(1, FIVE, 30, 60, 5, true, true, 64, 64));
        assertThat(base.withPreVote(false))
                .isEqualTo(new RaftConfig(1, FIVE, 10, 20, 3, false, true, 64, 64));
        assertThat(base.withCheckQuorum(false))
                .isEqualTo(new RaftConfig(1, FIVE, 10, 20, 3, true, false, 64, 64));
        assertThat(base.withReplication(8, 2))
                .isEqualTo(new RaftConfig(1, FIVE, 10, 20, 3, true, true, 8, 2));
        assertThat(base.forMember(4))
                .isEqualTo(new RaftConfig(4, FIVE, 10, 20, 3, true, true, 64, 64));
    }
}
