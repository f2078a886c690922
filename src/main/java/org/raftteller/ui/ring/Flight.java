package org.raftteller.ui.ring;

import org.raftteller.raft.Message;

/**
 * One message in flight: sent, and neither delivered nor dropped yet.
 *
 * @param startNanos    cluster time (see ClusterClock) when the window learned it was sent
 * @param transitMillis how long the tempo holds it in transit: the expected flight time
 */
public record Flight(long traceId, int from, int to, Message message, String summary,
                     long startNanos, int transitMillis) {

    public MessageKind kind() {
        return MessageKind.of(message);
    }

    public boolean refused() {
        return MessageKind.isRefusal(message);
    }

    /** How far along its way the marker is drawn at cluster time {@code now}, 0 to 1. */
    public double progress(long now) {
        if (transitMillis <= 0) {
            return 0.5;
        }
        double f = (now - startNanos) / 1e6 / transitMillis;
        // Not delivered yet although its time is up: it waits at the receiver's door.
        return Math.max(0, Math.min(0.96, f));
    }

    public String title() {
        return kind().description() + " from node " + from + " to node " + to;
    }

    /** Every field, one per line, for the details panel and the tooltip. */
    public String fields() {
        return MessageFields.describe(this);
    }
}
