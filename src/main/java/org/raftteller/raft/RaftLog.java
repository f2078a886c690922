package org.raftteller.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory copy of a server's log, indexed from 1. The runtime keeps the durable copy; this
 * one is what the algorithm reads.
 *
 * <p>Invariant: entry {@code i} sits at position {@code i - 1}, and terms never decrease along the
 * log (a leader only appends in its own term, which is at least that of every entry it holds).
 * The second fact lets term searches use binary search.
 *
 * <p>Not yet: snapshots; the log grows without bound.
 */
final class RaftLog {

    private final ArrayList<Entry> entries = new ArrayList<>();

    RaftLog(List<Entry> durable) {
        long expected = 1;
        long lastTerm = 0;
        for (Entry e : durable) {
            if (e.index() != expected) {
                throw new IllegalArgumentException(
                        "durable log is not contiguous: expected index " + expected + ", found " + e);
            }
            if (e.term() < lastTerm) {
                throw new IllegalArgumentException("durable log terms go backwards at " + e);
            }
            entries.add(e);
            expected++;
            lastTerm = e.term();
        }
    }

    long lastIndex() {
        return entries.size();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /** The term of the entry at {@code index}; 0 for index 0, the empty prefix every log shares. */
    long term(long index) {
        if (index == 0) {
            return 0;
        }
        return entry(index).term();
    }

    boolean has(long index) {
        return index >= 1 && index <= lastIndex();
    }

    Entry entry(long index) {
        if (!has(index)) {
            throw new IndexOutOfBoundsException("no entry " + index + " in a log of " + lastIndex());
        }
        return entries.get((int) (index - 1));
    }

    /** Entries {@code from..to} inclusive, at most {@code max} of them. */
    List<Entry> slice(long from, long to, int max) {
        long end = Math.min(to, from + max - 1);
        if (from > end) {
            return List.of();
        }
        return List.copyOf(entries.subList((int) (from - 1), (int) end));
    }

    void append(Entry e) {
        if (e.index() != lastIndex() + 1) {
            throw new IllegalStateException("appending " + e + " after index " + lastIndex());
        }
        if (e.term() < lastTerm()) {
            throw new IllegalStateException("appending " + e + " after term " + lastTerm());
        }
        entries.add(e);
    }

    /** Drops every entry from {@code index} on. */
    void truncateFrom(long index) {
        while (lastIndex() >= index) {
            entries.remove(entries.size() - 1);
        }
    }

    /**
     * Section 5.4.1: a candidate's log is at least as up-to-date as this one if its last term is
     * higher, or equal with a last index at least as high.
     */
    boolean isUpToDate(long lastLogIndex, long lastLogTerm) {
        return lastLogTerm > lastTerm() || (lastLogTerm == lastTerm() && lastLogIndex >= lastIndex());
    }

    /** The first index at or before {@code index} whose term equals that of {@code index}. */
    long firstIndexOfTermAt(long index) {
        long term = term(index);
        long lo = 1;
        long hi = index;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (term(mid) < term) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last index at or before {@code limit} holding {@code term}, or 0 if there is none. */
    long lastIndexOfTerm(long term, long limit) {
        long lo = 0;
        long hi = Math.min(limit, lastIndex());
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (term(mid) <= term) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo > 0 && term(lo) == term ? lo : 0;
    }
}
