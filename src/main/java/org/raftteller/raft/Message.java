package org.raftteller.raft;

import java.util.List;

/**
 * A message between two servers. Every message carries its sender's view of the term; the rules
 * for terms in section 5.1 (step down on a higher term, refuse a lower one) apply to all of them
 * except Pre-Vote, which by design must not change anyone's term.
 */
public sealed interface Message {

    int from();

    int to();

    long term();

    /**
     * "Could I win an election for {@code term}?" Sent by a pre-candidate before it increments
     * its own term, so a server that cannot win never disturbs a healthy leader.
     *
     * @param term the term the sender would campaign in: its current term plus one
     */
    record PreVoteRequest(int from, int to, long term, long lastLogIndex, long lastLogTerm)
            implements Message {
    }

    /**
     * @param term the requested term when granted; the responder's current term when refused,
     *             so a pre-candidate behind the times learns the real term
     */
    record PreVoteResponse(int from, int to, long term, boolean granted) implements Message {
    }

    /** RequestVote (Figure 2). */
    record VoteRequest(int from, int to, long term, long lastLogIndex, long lastLogTerm)
            implements Message {
    }

    record VoteResponse(int from, int to, long term, boolean granted) implements Message {
    }

    /**
     * AppendEntries (Figure 2). With no entries it is a heartbeat.
     *
     * @param seq the leader's latest read round; echoed in the response so that a ReadIndex read
     *            knows which acknowledgements were sent after it began (section 6.4)
     */
    record AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm,
                         List<Entry> entries, long leaderCommit, long seq) implements Message {

        public AppendRequest {
            entries = List.copyOf(entries);
        }

        public boolean isHeartbeat() {
            return entries.isEmpty();
        }

        /** The index of the last entry this request covers, whether or not it carries entries. */
        public long lastIndex() {
            return prevLogIndex + entries.size();
        }
    }

    /**
     * The answer to an AppendRequest.
     *
     * @param index     on success the last index now known to match the leader's log; on refusal
     *                  the prevLogIndex that did not match
     * @param hintIndex on refusal, where the leader should try next: the first index of the
     *                  conflicting term, or one past the follower's last entry
     * @param hintTerm  on refusal, the follower's term at {@code index}, or 0 when its log is
     *                  shorter; the leader skips every entry of that term at once
     */
    record AppendResponse(int from, int to, long term, boolean success, long index,
                          long hintIndex, long hintTerm, long seq) implements Message {
    }
}
