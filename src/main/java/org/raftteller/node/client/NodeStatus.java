package org.raftteller.node.client;

import java.util.Objects;

import org.raftteller.bank.Bank;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;

/**
 * What a {@code status} request answers: the local node's own view, without consensus, so it may
 * be stale (a follower's balance lags its leader's) and that is its point.
 *
 * @param node         the node that answers
 * @param role         its role now
 * @param term         its current term
 * @param leader       the leader it knows for that term, 0 for none
 * @param commitIndex  the highest log index it knows to be committed
 * @param lastLogIndex the index of the last entry in its log
 * @param lastApplied  the highest index its bank has applied
 * @param balance      its bank's balance in cents, as of {@code lastApplied}
 */
public record NodeStatus(int node, Role role, long term, int leader, long commitIndex,
                         long lastLogIndex, long lastApplied, long balance) {

    public NodeStatus {
        if (node < 1) {
            throw new IllegalArgumentException("node must be at least 1, but was " + node);
        }
        Objects.requireNonNull(role, "role");
        if (leader < 0) {
            throw new IllegalArgumentException(
                    "leader must be a node id, or 0 for none, but was " + leader);
        }
        if (term < 0 || commitIndex < 0 || lastLogIndex < 0 || lastApplied < 0) {
            throw new IllegalArgumentException("term and indexes cannot be negative: term " + term
                    + ", commitIndex " + commitIndex + ", lastLogIndex " + lastLogIndex
                    + ", lastApplied " + lastApplied);
        }
        if (balance < 0 || balance > Bank.MAX_BALANCE) {
            throw new IllegalArgumentException("balance must be 0 to " + Bank.MAX_BALANCE
                    + " cents, but was " + balance);
        }
    }

    /** The status of a node from its Raft core's picture and its bank's balance. */
    public static NodeStatus of(RaftStatus raft, long balance) {
        return new NodeStatus(raft.id(), raft.role(), raft.term(), raft.leader(),
                raft.commitIndex(), raft.lastLogIndex(), raft.appliedIndex(), balance);
    }
}
