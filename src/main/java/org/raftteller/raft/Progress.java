package org.raftteller.raft;

import java.util.ArrayDeque;

/**
 * What a leader knows of one follower (Figure 2's nextIndex and matchIndex), and how it is
 * sending to it.
 *
 * <p>A follower is either probed or replicated to. While probing, the leader does not know where
 * the follower's log stops matching: it sends one AppendRequest and waits for the answer. Once an
 * answer succeeds the follower is replicated to: the leader sends entries as they come, without
 * waiting, keeping at most a window of requests with entries unanswered.
 */
final class Progress {

    enum State { PROBE, REPLICATE }

    long nextIndex;
    long matchIndex;
    State state = State.PROBE;
    /** While probing: a probe is out and unanswered, so nothing else is sent until a heartbeat. */
    boolean probeSent;
    /** The last index of each unanswered request with entries, oldest first. */
    final ArrayDeque<Long> inflight = new ArrayDeque<>();
    /** The highest read round this follower has answered in the current term. */
    long ackedSeq;
    /** Whether the follower has answered since the last CheckQuorum period. */
    boolean recentActive = true;
    /** The oldest request in flight at the previous heartbeat, and for how many it has been. */
    private long oldestInflightSeen = -1;
    private int heartbeatsOutstanding;

    Progress(long nextIndex) {
        this.nextIndex = nextIndex;
    }

    void becomeProbe(long next) {
        state = State.PROBE;
        oldestInflightSeen = -1;
        heartbeatsOutstanding = 0;
        nextIndex = Math.max(next, matchIndex + 1);
        probeSent = false;
        inflight.clear();
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        nextIndex = matchIndex + 1;
        probeSent = false;
        inflight.clear();
    }

    /** Records a success up to {@code index}; returns whether matchIndex moved. */
    boolean acknowledge(long index) {
        while (!inflight.isEmpty() && inflight.peekFirst() <= index) {
            inflight.removeFirst();
        }
        if (index <= matchIndex) {
            return false;
        }
        matchIndex = index;
        nextIndex = Math.max(nextIndex, index + 1);
        return true;
    }

    /**
     * Called at every heartbeat of a replicating leader: whether the oldest request in flight has
     * now been outstanding at three heartbeats in a row, so for at least two whole intervals.
     * Waiting that long keeps a slow round trip (longer than one interval) from looking lost.
     */
    boolean pipelineStalled() {
        if (inflight.isEmpty()) {
            oldestInflightSeen = -1;
            heartbeatsOutstanding = 0;
            return false;
        }
        long oldest = inflight.peekFirst();
        if (oldest != oldestInflightSeen) {
            oldestInflightSeen = oldest;
            heartbeatsOutstanding = 0;
            return false;
        }
        heartbeatsOutstanding++;
        return heartbeatsOutstanding >= 2;
    }

    /** The follower lost what it acknowledged: nothing of its log is known to match. */
    void forgetMatch() {
        matchIndex = 0;
    }

    boolean windowFull(int max) {
        return inflight.size() >= max;
    }

    FollowerProgress snapshot() {
        return new FollowerProgress(nextIndex, matchIndex, inflight.size(), state == State.PROBE);
    }
}
