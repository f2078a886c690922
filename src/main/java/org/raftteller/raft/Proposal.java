package org.raftteller.raft;

/**
 * The answer to a proposal: where the command was placed in the leader's log, or, when this server
 * is not the leader, whom it believes leads.
 */
public record Proposal(boolean accepted, long index, long term, int leader) {

    static Proposal accepted(long index, long term, int leader) {
        return new Proposal(true, index, term, leader);
    }

    static Proposal refused(int leader) {
        return new Proposal(false, 0, 0, leader);
    }
}
