package org.raftteller.node;

import org.raftteller.raft.RaftStatus;

/**
 * What one running node looks like at one moment, for observers.
 *
 * @param lastApplied the last log index the bank has applied
 * @param balance     the bank's balance on this node, in cents, as of {@code lastApplied}
 */
public record NodeState(RaftStatus raft, long lastApplied, long balance, boolean paused) {
}
