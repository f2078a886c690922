package org.raftteller.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.raftteller.raft.Entry;

/**
 * Watches a cluster from outside and fails as soon as anything it sees breaks one of Raft's
 * safety properties (Figure 3 of the paper) or the bank's guarantees to its clients.
 *
 * <p>It is fed observations, not server internals, so it can be tested on its own with
 * deliberately broken histories. Observations of one server are tagged with its incarnation,
 * which changes at every restart: volatile state such as the commit index starts afresh then.
 */
public final class SafetyChecker {

    /** Election Safety: the leader of each term. */
    private final Map<Long, Integer> leaders = new HashMap<>();
    /** Log Matching: the first entry seen at each (index, term), with the term before it. */
    private final Map<Long, Map<Long, SeenEntry>> entriesSeen = new HashMap<>();
    /** Leader Append-Only: the last entry each leader held, per (server, term). */
    private final Map<String, Entry> leaderTails = new HashMap<>();
    /** The entries known committed, in index order (position i holds index i + 1). */
    private final List<Entry> committed = new ArrayList<>();
    /** State Machine Safety and replica agreement: what was applied at each index. */
    private final List<Entry> applied = new ArrayList<>();
    private final List<byte[]> stateAfter = new ArrayList<>();
    private final List<Long> balanceAfter = new ArrayList<>();
    /** Per server incarnation: the highest commit index seen, and the last index applied. */
    private final Map<String, Long> commitIndexes = new HashMap<>();
    private final Map<String, Long> appliedIndexes = new HashMap<>();
    /** Acknowledged writes. */
    private final List<AckedWrite> ackedWrites = new ArrayList<>();
    /**
     * Answer times of every answered operation, writes and reads, in order, and for each the
     * highest log index any operation answered by then had observed: the index a write took
     * effect at, or the applied index a read was served from.
     */
    private final List<Long> answerTimes = new ArrayList<>();
    private final List<Long> highestIndexObserved = new ArrayList<>();

    private record SeenEntry(Entry entry, long previousTerm) {
    }

    /** A write a client saw succeed or be refused: it was decided at {@code index}. */
    public record AckedWrite(String client, long seq, byte[] command, long index, long invokedAt,
                             long answeredAt) {
    }

    // ---------------------------------------------------------------- Raft properties

    /** Server {@code node} is leader of {@code term} and holds {@code log} (its whole log). */
    public void leaderElected(int node, long term, long lastIndex, LongFunction<Entry> log) {
        Integer other = leaders.putIfAbsent(term, node);
        if (other != null && other != node) {
            throw new SafetyViolation("Election Safety",
                    "servers " + other + " and " + node + " both led term " + term);
        }
        // Leader Completeness: every committed entry must be in the new leader's log.
        for (Entry c : committed) {
            if (c.index() > lastIndex || !log.apply(c.index()).equals(c)) {
                throw new SafetyViolation("Leader Completeness", "leader " + node + " of term "
                        + term + " lacks committed entry " + c);
            }
        }
    }

    /**
     * Leader {@code node} of {@code term} now ends its log with {@code last}; the entry it ended
     * with before must still be there, unchanged.
     */
    public void leaderLog(int node, long term, Entry last, Entry atPreviousTail) {
        String key = node + "@" + term;
        Entry before = leaderTails.get(key);
        if (before != null && (atPreviousTail == null || !atPreviousTail.equals(before))) {
            throw new SafetyViolation("Leader Append-Only", "leader " + node + " of term " + term
                    + " had " + before + " but now holds " + atPreviousTail + " there");
        }
        if (before != null && last != null && last.index() < before.index()) {
            throw new SafetyViolation("Leader Append-Only", "leader " + node + " of term " + term
                    + " shrank its log from " + before.index() + " to " + last.index());
        }
        if (last != null) {
            leaderTails.put(key, last);
        }
    }

    /** The entry a leader held at {@code index} when last seen, for {@link #leaderLog}. */
    public Entry leaderTail(int node, long term) {
        return leaderTails.get(node + "@" + term);
    }

    /**
     * Server {@code node} stored {@code entry}, preceded in its log by an entry of
     * {@code previousTerm}. By induction over indexes, two logs holding an entry with the same
     * index and term are then identical up to it.
     */
    public void stored(int node, Entry entry, long previousTerm) {
        Map<Long, SeenEntry> byTerm = entriesSeen.computeIfAbsent(entry.index(), i -> new HashMap<>());
        SeenEntry first = byTerm.putIfAbsent(entry.term(), new SeenEntry(entry, previousTerm));
        if (first != null && (!first.entry().equals(entry) || first.previousTerm() != previousTerm)) {
            throw new SafetyViolation("Log Matching", "server " + node + " holds " + entry
                    + " after term " + previousTerm + ", but another server holds "
                    + first.entry() + " after term " + first.previousTerm());
        }
    }

    /** Server {@code node} (in incarnation {@code life}) reports its commit index. */
    public void commitIndex(int node, int life, long commitIndex, LongFunction<Entry> log) {
        String key = node + "#" + life;
        long before = commitIndexes.getOrDefault(key, 0L);
        if (commitIndex < before) {
            throw new SafetyViolation("Commit monotonic", "server " + node + " moved its commit index"
                    + " back from " + before + " to " + commitIndex);
        }
        commitIndexes.put(key, commitIndex);
        for (long i = committed.size() + 1; i <= commitIndex; i++) {
            committed.add(log.apply(i));
        }
        for (long i = before + 1; i <= Math.min(commitIndex, committed.size()); i++) {
            Entry known = committed.get((int) i - 1);
            if (!log.apply(i).equals(known)) {
                throw new SafetyViolation("State Machine Safety", "server " + node + " committed "
                        + log.apply(i) + " where " + known + " was committed");
            }
        }
    }

    /**
     * Server {@code node} applied {@code entry}, after which its state machine encoded as
     * {@code state} with {@code balance}.
     */
    public void applied(int node, int life, Entry entry, byte[] state, long balance) {
        String key = node + "#" + life;
        long last = appliedIndexes.getOrDefault(key, 0L);
        if (entry.index() != last + 1) {
            throw new SafetyViolation("Apply order", "server " + node + " applied " + entry
                    + " right after index " + last);
        }
        appliedIndexes.put(key, entry.index());
        int i = (int) entry.index() - 1;
        if (i >= committed.size()) {
            throw new SafetyViolation("State Machine Safety", "server " + node + " applied "
                    + entry + " though no server reported it committed");
        }
        if (!committed.get(i).equals(entry)) {
            throw new SafetyViolation("State Machine Safety", "server " + node + " applied "
                    + entry + " where " + committed.get(i) + " was committed");
        }
        if (i < applied.size()) {
            if (!applied.get(i).equals(entry)) {
                throw new SafetyViolation("State Machine Safety", "server " + node + " applied "
                        + entry + " where another applied " + applied.get(i));
            }
            if (!Arrays.equals(stateAfter.get(i), state)) {
                throw new SafetyViolation("Replica agreement", "server " + node
                        + " reached a different state after " + entry + ": balance " + balance
                        + " against " + balanceAfter.get(i));
            }
        } else if (i == applied.size()) {
            applied.add(entry);
            stateAfter.add(state);
            balanceAfter.add(balance);
        } else {
            throw new IllegalStateException("applied index " + entry.index() + " skips ahead");
        }
    }

    // ---------------------------------------------------------------- client guarantees

    /** A client's write was answered as decided at {@code write.index()}. */
    public void writeAnswered(AckedWrite write) {
        if (write.index() < 1 || write.index() > applied.size()) {
            throw new SafetyViolation("Acknowledged write", write.client() + "/" + write.seq()
                    + " was answered with index " + write.index() + ", which nobody applied");
        }
        Entry decided = applied.get((int) write.index() - 1);
        if (!Arrays.equals(decided.command(), write.command())) {
            throw new SafetyViolation("Acknowledged write", write.client() + "/" + write.seq()
                    + " was answered with index " + write.index() + ", which holds another command");
        }
        // A write sent after an operation completed takes effect after everything that operation
        // observed: after an earlier write, and after the state an earlier read returned.
        long mustFollow = highestIndexObservedBefore(write.invokedAt());
        if (write.index() <= mustFollow) {
            throw new SafetyViolation("Linearizability", write.client() + "/" + write.seq()
                    + " took effect at " + write.index() + ", not after index " + mustFollow
                    + " which an operation that completed before it was sent had observed");
        }
        ackedWrites.add(write);
        recordAnswer(write.answeredAt(), write.index());
    }

    /**
     * A balance read sent at {@code invokedAt} and answered at {@code answeredAt} returned
     * {@code balance}, read from a state machine that had applied up to {@code servedAt}.
     */
    public void readAnswered(long balance, long servedAt, long invokedAt, long answeredAt) {
        if (servedAt > applied.size()) {
            throw new SafetyViolation("Linearizability", "a read was served at index " + servedAt
                    + ", which nobody applied");
        }
        // A read sent after an operation completed sees everything that operation observed: an
        // earlier write, or the state an earlier read returned.
        long mustSee = highestIndexObservedBefore(invokedAt);
        if (servedAt < mustSee) {
            throw new SafetyViolation("Linearizability", "a read served at index " + servedAt
                    + " misses index " + mustSee + ", which an operation that completed before"
                    + " the read was sent had observed");
        }
        long expected = servedAt == 0 ? 0 : balanceAfter.get((int) servedAt - 1);
        if (balance != expected) {
            throw new SafetyViolation("Linearizability", "a read at index " + servedAt
                    + " returned " + balance + " but the balance there is " + expected);
        }
        recordAnswer(answeredAt, servedAt);
    }

    private void recordAnswer(long answeredAt, long observedIndex) {
        if (!answerTimes.isEmpty() && answeredAt < answerTimes.get(answerTimes.size() - 1)) {
            throw new IllegalArgumentException("answers must be reported in time order");
        }
        long highest = highestIndexObserved.isEmpty()
                ? 0 : highestIndexObserved.get(highestIndexObserved.size() - 1);
        answerTimes.add(answeredAt);
        highestIndexObserved.add(Math.max(highest, observedIndex));
    }

    /** The highest index observed by an operation answered strictly before {@code time}. */
    private long highestIndexObservedBefore(long time) {
        int lo = 0;
        int hi = answerTimes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (answerTimes.get(mid) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : highestIndexObserved.get(lo - 1);
    }

    /** At the end of a run: every acknowledged write is in the committed log where it was told. */
    public void noAcknowledgedWriteLost(List<Entry> finalCommittedLog) {
        for (AckedWrite w : ackedWrites) {
            if (w.index() > finalCommittedLog.size()
                    || !Arrays.equals(finalCommittedLog.get((int) w.index() - 1).command(),
                            w.command())) {
                throw new SafetyViolation("Durability", "acknowledged write " + w.client() + "/"
                        + w.seq() + " at index " + w.index() + " is not in the final log");
            }
        }
    }

    public int committedCount() {
        return committed.size();
    }

    public int acknowledgedWrites() {
        return ackedWrites.size();
    }

    public long balanceAfter(long index) {
        return index == 0 ? 0 : balanceAfter.get((int) index - 1);
    }

    public int appliedCount() {
        return applied.size();
    }
}
