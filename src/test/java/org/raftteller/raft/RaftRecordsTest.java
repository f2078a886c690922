package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.raftteller.raft.Message.AppendRequest;

/** The value types the core hands out: entries, hard state, messages, Ready batches, roles. */
class RaftRecordsTest {

    @Test
    void entryIndexAndTermStartAtOne() {
        assertThatThrownBy(() -> new Entry(0, 1, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Entry(1, 0, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Entry(1, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noOpIsTheEntryWithAnEmptyCommand() {
        Entry noop = Entry.noop(3, 2);

        assertThat(noop.isNoop()).isTrue();
        assertThat(new Entry(3, 2, new byte[] {1}).isNoop()).isFalse();
        assertThat(noop).hasToString("Entry[3@2 no-op]");
        assertThat(new Entry(3, 2, new byte[] {1, 2})).hasToString("Entry[3@2, 2 bytes]");
    }

    @Test
    void entriesAreEqualByContentNotByArrayIdentity() {
        Entry a = new Entry(3, 2, new byte[] {1, 2});
        Entry b = new Entry(3, 2, new byte[] {1, 2});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Entry(3, 2, new byte[] {1, 3}));
        assertThat(a).isNotEqualTo(new Entry(4, 2, new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(new Entry(3, 3, new byte[] {1, 2}));
        assertThat(a).isNotEqualTo("Entry[3@2, 2 bytes]");
    }

    @Test
    void entryHashesSpreadAcrossIndexTermAndCommand() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        int entries = 0;

        for (int index = 1; index <= 10; index++) {
            for (int term = 1; term <= 10; term++) {
                for (byte command = 1; command <= 2; command++) {
                    hashes.add(new Entry(index, term, new byte[] {command}).hashCode());
                    entries++;
                }
            }
        }

        assertThat(hashes).hasSize(entries);
    }

    @Test
    void hardStateRefusesNegativeTermsAndVotes() {
        assertThatThrownBy(() -> new HardState(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HardState(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HardState.INITIAL).isEqualTo(new HardState(0, HardState.NO_VOTE));
    }

    @Test
    void appendRequestWithoutEntriesIsAHeartbeatCoveringItsPreviousIndex() {
        AppendRequest heartbeat = new AppendRequest(1, 2, 1, 4, 1, List.of(), 4, 0);
        AppendRequest append = new AppendRequest(1, 2, 1, 4, 1,
                List.of(Fixtures.entry(5, 1), Fixtures.entry(6, 1)), 4, 0);

        assertThat(heartbeat.isHeartbeat()).isTrue();
        assertThat(heartbeat.lastIndex()).isEqualTo(4);
        assertThat(append.isHeartbeat()).isFalse();
        assertThat(append.lastIndex()).isEqualTo(6);
    }

    @Test
    void appendRequestCopiesItsEntries() {
        List<Entry> entries = new ArrayList<>(List.of(Fixtures.entry(1, 1)));
        AppendRequest request = new AppendRequest(1, 2, 1, 0, 0, entries, 0, 0);

        entries.add(Fixtures.entry(2, 1));

        assertThat(request.entries()).hasSize(1);
    }

    @Test
    void readyNeedsPersistenceForAHardStateOrEntries() {
        Ready withHardState = new Ready(new HardState(1, 1), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        Ready withEntries = new Ready(null, List.of(Fixtures.entry(1, 1)), List.of(), List.of(),
                List.of(), List.of(), List.of());

        assertThat(withHardState.needsPersistence()).isTrue();
        assertThat(withHardState.isEmpty()).isFalse();
        assertThat(withEntries.needsPersistence()).isTrue();
        assertThat(withEntries.isEmpty()).isFalse();
    }

    @Test
    void readyIsEmptyOnlyWhenEveryPartIsEmpty() {
        List<Ready> oneThingEach = List.of(
                new Ready(null, List.of(), List.of(new Message.VoteResponse(1, 2, 1, true)),
                        List.of(), List.of(), List.of(), List.of()),
                new Ready(null, List.of(), List.of(), List.of(Fixtures.entry(1, 1)),
                        List.of(), List.of(), List.of()),
                new Ready(null, List.of(), List.of(), List.of(),
                        List.of(new ReadState(1, 1)), List.of(), List.of()),
                new Ready(null, List.of(), List.of(), List.of(), List.of(), List.of(7L),
                        List.of()),
                new Ready(null, List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of(new RaftEvent.QuorumLost(1))));
        Ready empty = new Ready(null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());

        assertThat(empty.isEmpty()).isTrue();
        assertThat(oneThingEach).allSatisfy(r -> {
            assertThat(r.isEmpty()).isFalse();
            assertThat(r.needsPersistence()).isFalse();
        });
    }

    @Test
    void rolesAreSpelledInPlainWords() {
        assertThat(Role.FOLLOWER.word()).isEqualTo("follower");
        assertThat(Role.PRE_CANDIDATE.word()).isEqualTo("pre-candidate");
        assertThat(Role.CANDIDATE.word()).isEqualTo("candidate");
        assertThat(Role.LEADER.word()).isEqualTo("leader");
    }
}
