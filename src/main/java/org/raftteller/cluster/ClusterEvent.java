package org.raftteller.cluster;

import java.util.List;

import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.RaftEvent;

/**
 * What observers of a local cluster hear, from the nodes' threads: hand each event to your own
 * thread and return at once.
 */
public sealed interface ClusterEvent {

    /** The node the event is about. */
    int node();

    /**
     * A message left {@code node} for {@code to}. It is in flight until a {@link MessageDelivered}
     * or {@link MessageDropped} with the same trace id.
     *
     * @param message the Raft message, or null for a client request forwarded between nodes
     */
    record MessageSent(int node, int to, long traceId, Message message, String summary,
                       long sentAtMillis, int transitMillis) implements ClusterEvent {
    }

    /** Node {@code node} received the message {@code traceId} from {@code from}. */
    record MessageDelivered(int node, int from, long traceId, long atMillis) implements ClusterEvent {
    }

    /** The message {@code traceId} sent by {@code node} was lost, and why. */
    record MessageDropped(int node, int to, long traceId, String reason) implements ClusterEvent {
    }

    record RaftEvents(int node, List<RaftEvent> events) implements ClusterEvent {
    }

    /** The node's log from {@code entries.get(0).index()} on is now {@code entries}. */
    record LogChanged(int node, List<Entry> entries) implements ClusterEvent {
    }

    record StateChanged(int node, NodeView view) implements ClusterEvent {
    }

    record NodeCrashed(int node) implements ClusterEvent {
    }

    /** The node (re)started from its disk; its log is {@code log}, its state machine empty. */
    record NodeRevived(int node, List<Entry> log) implements ClusterEvent {
    }
}
