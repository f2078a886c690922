package org.raftteller.raft;

import java.util.Set;

/** Something worth telling a person about, as it happens on one server. */
public sealed interface RaftEvent {

    /** The election timer ran out; the server starts a pre-vote or an election. */
    record ElectionTimeout(long term, Role role) implements RaftEvent {
    }

    /** The server asks whether it could win an election for {@code term}. */
    record PreVoteStarted(long term) implements RaftEvent {
    }

    /** The server became a candidate for {@code term} and voted for itself. */
    record ElectionStarted(long term) implements RaftEvent {
    }

    /** The server gave its vote in {@code term} to {@code candidate}. */
    record VoteCast(int candidate, long term) implements RaftEvent {
    }

    /** The server won the election for {@code term} with the votes of {@code voters}. */
    record BecameLeader(long term, Set<Integer> voters) implements RaftEvent {
    }

    /** The server is a follower in {@code term}; {@code leader} is 0 when it knows of none. */
    record BecameFollower(long term, int leader, Role previousRole) implements RaftEvent {
    }

    /** The server learned that {@code leader} leads {@code term}. */
    record LeaderKnown(int leader, long term) implements RaftEvent {
    }

    /** The leader stepped down because a majority stopped answering (CheckQuorum). */
    record QuorumLost(long term) implements RaftEvent {
    }

    /** Uncommitted entries from {@code fromIndex} on were overwritten by the leader's. */
    record LogTruncated(long fromIndex, long term) implements RaftEvent {
    }
}
