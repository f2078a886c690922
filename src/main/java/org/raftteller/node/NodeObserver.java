package org.raftteller.node;

import java.util.List;

import org.raftteller.raft.Entry;
import org.raftteller.raft.RaftEvent;

/**
 * Hears what a node does. Every method is called on the node's event loop, so an implementation
 * must return at once: hand the news to another thread (a queue) and never block.
 */
public interface NodeObserver {

    NodeObserver NONE = new NodeObserver() { };

    /** The node started, recovered from its disk with {@code log}; its bank is still empty. */
    default void started(int node, List<Entry> log) {
    }

    default void messageSent(MessageTrace trace) {
    }

    /** Called by the receiving node just before it handles the message. */
    default void messageDelivered(MessageTrace trace) {
    }

    default void messageDropped(MessageTrace trace, String reason) {
    }

    default void raftEvents(int node, List<RaftEvent> events) {
    }

    /**
     * The node's log changed from {@code entries.get(0).index()} on: everything it held from there
     * was replaced by {@code entries}.
     */
    default void logChanged(int node, List<Entry> entries) {
    }

    /** Called after every batch of work and at least once per tick. */
    default void stateChanged(int node, NodeState state) {
    }
}
