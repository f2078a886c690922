package org.raftteller.raft;

/**
 * A read-only view of a leader's knowledge of one follower, for observers.
 *
 * @param inflight how many AppendRequests with entries are sent and unanswered
 * @param probing  whether the leader is still looking for where the follower's log matches
 */
public record FollowerProgress(long nextIndex, long matchIndex, int inflight, boolean probing) {
}
