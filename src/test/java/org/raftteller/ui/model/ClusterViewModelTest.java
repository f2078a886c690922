package org.raftteller.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.ui.model.Events.batch;
import static org.raftteller.ui.model.Events.credit;
import static org.raftteller.ui.model.Events.debit;
import static org.raftteller.ui.model.Events.delivered;
import static org.raftteller.ui.model.Events.heartbeat;
import static org.raftteller.ui.model.Events.log;
import static org.raftteller.ui.model.Events.state;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.NodeView;
import org.raftteller.cluster.Tempo;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Role;
import org.raftteller.ui.feed.FeedItem;

class ClusterViewModelTest {

    private static final long FRAME = 16_666_667;

    private final ClusterViewModel model = new ClusterViewModel(List.of(1, 2, 3), Tempo.REAL);
    private long frame;

    private void apply(List<ClusterEvent> events) {
        frame += FRAME;
        model.apply(events, frame);
    }

    private List<String> feed() {
        return model.feed().history().stream().map(FeedItem::text).collect(Collectors.toList());
    }

    @Test
    void onlyTheLastStateReportOfANodeInAFrameIsApplied() {
        List<NodeView> seen = new ArrayList<>();
        model.node(1).viewProperty().addListener((o, a, b) -> seen.add(b));

        apply(batch(state(1, Role.FOLLOWER, 1, 0, 0, 0, 0),
                state(1, Role.CANDIDATE, 2, 0, 0, 0, 0),
                state(1, Role.LEADER, 2, 1, 0, 0, 0)));

        assertThat(seen).hasSize(1);
        assertThat(model.node(1).role()).isEqualTo(Role.LEADER);
        assertThat(model.leaderProperty().get()).isEqualTo(1);
        assertThat(model.termProperty().get()).isEqualTo(2);
    }

    @Test
    void everyLogChangeOfAFrameIsAppliedInOrder() {
        apply(batch(log(2, credit(1, 1, 500), credit(2, 1, 700), credit(3, 1, 100)),
                log(2, debit(2, 2, 300)),
                log(2, credit(3, 2, 900))));

        assertThat(model.logs().lastIndex(2)).isEqualTo(3);
        assertThat(model.logs().cell(2, 1).text()).isEqualTo("+5.00");
        assertThat(model.logs().cell(2, 2).text()).isEqualTo("\u22123.00");
        assertThat(model.logs().cell(2, 2).term()).isEqualTo(2);
        assertThat(model.logs().cell(2, 3).text()).isEqualTo("+9.00");
    }

    @Test
    void eachCommittedEntryIsToldOnceWithItsCommand() {
        apply(batch(log(1, Entry.noop(1, 1), credit(2, 1, 2500))));
        apply(batch(state(1, Role.LEADER, 1, 1, 1, 1, 0)));
        apply(batch(state(1, Role.LEADER, 1, 1, 2, 2, 2500),
                state(2, Role.FOLLOWER, 1, 1, 2, 2, 2500)));
        apply(batch(state(2, Role.FOLLOWER, 1, 1, 2, 2, 2500)));

        assertThat(feed()).containsSubsequence("Entry 1 (no-op) is committed",
                "Entry 2 (+25.00) is committed");
        assertThat(feed()).filteredOn(l -> l.startsWith("Entry 2")).hasSize(1);
        assertThat(model.committedBalanceProperty().get()).isEqualTo(2500);
    }

    @Test
    void aMessageIsInFlightFromSentUntilDelivered() {
        apply(batch(heartbeat(7, 1, 2, 300)));

        assertThat(model.flights().inFlight()).extracting(f -> f.traceId()).containsExactly(7L);

        apply(batch(delivered(7, 1, 2)));

        assertThat(model.flights().inFlight()).isEmpty();
    }

    @Test
    void aMessageSentAndDeliveredWithinOneFrameIsNeverDrawn() {
        apply(batch(heartbeat(7, 1, 2, 0), delivered(7, 1, 2)));

        assertThat(model.flights().inFlight()).isEmpty();
    }

    @Test
    void aCrashEndsTheFlightsToAndFromTheNodeAndIgnoresItsLastReports() {
        apply(batch(heartbeat(7, 1, 2, 300), heartbeat(8, 2, 3, 300), heartbeat(9, 1, 3, 300)));

        apply(batch(state(2, Role.LEADER, 3, 2, 0, 0, 0), new ClusterEvent.NodeCrashed(2),
                state(2, Role.LEADER, 3, 2, 0, 0, 0)));

        assertThat(model.flights().inFlight()).extracting(f -> f.traceId()).containsExactly(9L);
        assertThat(model.node(2).isUp()).isFalse();
        assertThat(model.node(2).role()).isNull();
        assertThat(feed()).contains("Node 2 crashed: its memory is gone, its disk stays");
    }

    @Test
    void pausedClusterTimeStandsStill() {
        apply(batch(heartbeat(7, 1, 2, 300)));
        long before = model.clock().now();

        model.paused(frame);
        apply(batch());
        apply(batch());

        assertThat(model.clock().now()).isEqualTo(before);
        model.resumed(frame);
        apply(batch());
        assertThat(model.clock().now()).isEqualTo(before + FRAME);
    }
}
