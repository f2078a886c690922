package org.raftteller.cluster;

import org.raftteller.raft.RaftStatus;

/**
 * One node as the cluster's observers see it.
 *
 * @param raft        the core's state; null while the node is down
 * @param lastApplied the last index the node's bank applied
 * @param balance     the node's balance in cents as of {@code lastApplied}
 */
public record NodeView(int id, boolean up, boolean paused, RaftStatus raft, long lastApplied,
                       long balance) {
}
