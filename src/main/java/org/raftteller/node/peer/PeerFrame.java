package org.raftteller.node.peer;

import java.util.Objects;

import org.raftteller.raft.Message;

/**
 * One message between two nodes, as it travels: the header every frame has, and a payload.
 *
 * <p>A frame checks its values on construction, with the same rules {@link PeerCodec#decode}
 * applies to bytes: a frame that exists can always be encoded.
 *
 * @param clusterHash {@link PeerCodec#clusterHash} of the sender's cluster id; a receiver drops a
 *                    frame from another cluster, so two clusters on one machine never mix
 * @param from        the sending node's id, at least 1
 * @param to          the addressed node's id, at least 1
 * @param traceId     chosen by the sender for each message, so that observers can match "sent"
 *                    with "delivered"; the protocol gives it no other meaning
 * @param payload     what the frame carries; a Raft message's from and to equal the header's
 */
public record PeerFrame(long clusterHash, int from, int to, long traceId, PeerPayload payload) {

    public PeerFrame {
        PeerRules.LOCAL.nodeId("from", from);
        PeerRules.LOCAL.nodeId("to", to);
        Objects.requireNonNull(payload, "payload");
        if (payload instanceof PeerPayload.RaftMessage r
                && (r.message().from() != from || r.message().to() != to)) {
            throw new IllegalArgumentException("the header says from " + from + " to " + to
                    + ", but the message says from " + r.message().from() + " to "
                    + r.message().to());
        }
    }

    /** The frame that carries {@code message}, addressed as the message is. */
    public static PeerFrame of(long clusterHash, long traceId, Message message) {
        Objects.requireNonNull(message, "message");
        return new PeerFrame(clusterHash, message.from(), message.to(), traceId,
                new PeerPayload.RaftMessage(message));
    }
}
