package org.raftteller.ui.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.ui.model.Events.batch;
import static org.raftteller.ui.model.Events.delivered;
import static org.raftteller.ui.model.Events.heartbeat;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.Tempo;
import org.raftteller.raft.Message;
import org.raftteller.ui.model.ClusterViewModel;

/** The ring's markers, driven frame by frame with made-up events: no cluster, no timer. */
@ExtendWith(ApplicationExtension.class)
class MessageMarkerTest {

    private static final long MS = 1_000_000;

    private ClusterViewModel model;
    private RingView ring;

    @Start
    void start(Stage stage) {
        model = new ClusterViewModel(List.of(1, 2, 3, 4, 5), Tempo.CLASSROOM);
        ring = new RingView(model, new RingView.NodeActions() {
            @Override
            public void crash(int node) {
            }

            @Override
            public void revive(int node) {
            }

            @Override
            public void pick(int node) {
            }
        });
        Scene scene = new Scene(ring, 900, 600);
        scene.getStylesheets().add(getClass().getResource("/styles/raft-teller.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void frame(long atMillis, ClusterEvent... events) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            model.apply(batch(events), atMillis * MS);
            ring.frame(model.clock().at(atMillis * MS), Tempo.CLASSROOM.tickMillis());
            ring.layout();
        }).get();
    }

    private Point2D markerCentre() {
        MessageMarker m = ring.visibleMarkers().get(0);
        return new Point2D(m.getLayoutX(), m.getLayoutY());
    }

    private double distance(Point2D p, int node) {
        NodeGlyph g = ring.glyph(node);
        return p.distance(g.getLayoutX() + g.getWidth() / 2, g.getLayoutY() + g.bodyCentreY());
    }

    @Test
    void aMarkerTravelsFromSenderToReceiverAndVanishesOnDelivery() throws Exception {
        frame(1000, heartbeat(7, 1, 3, 300));
        Point2D early = markerCentre();
        frame(1250);
        Point2D late = markerCentre();

        assertThat(distance(early, 1)).isLessThan(distance(early, 3));
        assertThat(distance(late, 3)).isLessThan(distance(early, 3));
        assertThat(ring.visibleMarkers().get(0).getPseudoClassStates())
                .contains(MessageKind.HEARTBEAT.pseudoClass());

        frame(1300, delivered(7, 1, 3));

        assertThat(ring.visibleMarkers()).isEmpty();
    }

    @Test
    void aMarkerNotYetDeliveredWaitsAtTheReceiversDoor() throws Exception {
        frame(1000, heartbeat(7, 1, 3, 300));
        frame(1600);
        Point2D waiting = markerCentre();
        frame(2200);

        assertThat(markerCentre()).isEqualTo(waiting);
        assertThat(ring.visibleMarkers()).hasSize(1);
    }

    @Test
    void aRefusedReplyLooksRefused() throws Exception {
        Message refusal = new Message.VoteResponse(2, 1, 3, false);

        frame(1000, new ClusterEvent.MessageSent(2, 1, 9, refusal, "vote refused", 0, 300));

        MessageMarker m = ring.visibleMarkers().get(0);
        assertThat(m.getPseudoClassStates()).contains(MessageKind.REQUEST_VOTE.pseudoClass());
        assertThat(m.getPseudoClassStates()).contains(MessageMarker.REPLY, MessageMarker.REFUSED);
        assertThat(m.getText()).isEqualTo("\u2717");
    }

    @Test
    void markersAreCappedAndTheRestCounted() throws Exception {
        ClusterEvent[] many = new ClusterEvent[RingView.MAX_MARKERS + 15];
        for (int i = 0; i < many.length; i++) {
            many[i] = heartbeat(100 + i, 1 + i % 5, 1 + (i + 1) % 5, 300);
        }

        frame(1000, many);

        assertThat(ring.visibleMarkers()).hasSize(RingView.MAX_MARKERS);
        assertThat(ring.lookup("#markers-overflow")).isNotNull();
        assertThat(((javafx.scene.control.Label) ring.lookup("#markers-overflow")).getText())
                .isEqualTo("+15 more messages in flight");
    }
}
