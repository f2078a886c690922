package org.raftteller.raft;

import java.util.Map;
import java.util.Set;

/**
 * A read-only picture of one server's state, for observers such as the visualiser.
 *
 * @param votedFor        whom this server voted for in {@code term}, 0 for nobody
 * @param leader          the leader this server knows for {@code term}, 0 for none
 * @param votesGranted    while campaigning, the servers that granted a (pre-)vote, itself included
 * @param electionElapsed ticks since the election timer was last reset
 * @param electionTimeout the randomized timeout the timer runs to
 * @param appliedIndex    the highest index handed to the state machine to apply
 * @param followers       for a leader, its progress with each other server; empty otherwise
 */
public record RaftStatus(int id, Role role, long term, int votedFor, int leader,
                         Set<Integer> votesGranted, int electionElapsed, int electionTimeout,
                         long commitIndex, long appliedIndex, long lastLogIndex, long lastLogTerm,
                         Map<Integer, FollowerProgress> followers) {

    public RaftStatus {
        votesGranted = Set.copyOf(votesGranted);
        followers = Map.copyOf(followers);
    }
}
