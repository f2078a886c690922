package org.raftteller.node;

import org.raftteller.raft.Message;

/**
 * One message between two nodes as observers see it. The same trace id appears when it is sent,
 * when it is delivered and when it is dropped, so a viewer can draw it for exactly as long as it is
 * really in flight.
 *
 * @param message        the Raft message, or null for a client request forwarded to the leader
 * @param summary        a description for people; for a Raft message null until asked for
 * @param sentAtMillis   wall-clock time it left the sender, in ms since the epoch
 * @param transitMillis  the delay added on purpose by the tempo preset
 */
public record MessageTrace(long traceId, int from, int to, Message message, String summary,
                           long sentAtMillis, int transitMillis) {

    /**
     * The trace of a Raft message, its summary left to be written when someone asks: a node sends
     * and receives many thousands of messages a second, and most traces are never shown.
     */
    static MessageTrace of(long traceId, int from, int to, Message message, long sentAtMillis,
                           int transitMillis) {
        return new MessageTrace(traceId, from, to, message, null, sentAtMillis, transitMillis);
    }

    /** A short description for people, such as "RequestVote for term 4". */
    @Override
    public String summary() {
        return summary != null ? summary : RaftServer.summarize(message);
    }
}
