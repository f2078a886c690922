package org.raftteller.node.peer;

import java.util.List;
import java.util.function.Function;

import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteRequest;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;

/**
 * The rules a peer frame's values obey, written once and checked on both sides of the wire.
 *
 * <p>{@link #LOCAL} is used by the constructors of {@link PeerFrame} and its payloads: there a
 * broken rule is a bug in this process, reported as an IllegalArgumentException. {@link #WIRE}
 * is used by {@link PeerCodec#decode} before it builds anything: there a broken rule means a
 * faulty peer or corrupt bytes, reported as a {@link PeerProtocolException}. Because both check
 * the same rules, every frame that exists can be encoded, and decode never reaches a constructor
 * that would refuse what it read.
 *
 * <p>The rules are shapes no correct server produces, not the algorithm's judgement: a stale term
 * or a log that does not match is the core's business, not the codec's.
 */
final class PeerRules {

    /** For values made in this process. */
    static final PeerRules LOCAL = new PeerRules(IllegalArgumentException::new);

    /** For values read from a peer. */
    static final PeerRules WIRE = new PeerRules(PeerProtocolException::new);

    private final Function<String, RuntimeException> failure;

    private PeerRules(Function<String, RuntimeException> failure) {
        this.failure = failure;
    }

    void nodeId(String field, int id) {
        if (id < 1) {
            throw fail(field + " is " + id + ", but node ids start at 1");
        }
    }

    /** Every rule on a Raft message; an AppendRequest's entries included. */
    void message(Message m) {
        // Pattern matching in switch is only a preview in Java 17, hence instanceof here.
        if (m instanceof PreVoteRequest r) {
            voteRequest(r.term(), r.lastLogIndex(), r.lastLogTerm());
        } else if (m instanceof VoteRequest r) {
            voteRequest(r.term(), r.lastLogIndex(), r.lastLogTerm());
        } else if (m instanceof PreVoteResponse r) {
            term(r.term());
        } else if (m instanceof VoteResponse r) {
            term(r.term());
        } else if (m instanceof AppendRequest r) {
            appendRequest(r.term(), r.prevLogIndex(), r.prevLogTerm(), r.leaderCommit(), r.seq(),
                    r.entries().size());
            entries(r);
        } else if (m instanceof AppendResponse r) {
            appendResponse(r);
        } else {
            throw new AssertionError("Message is sealed, yet got " + m);
        }
    }

    /**
     * The fields of an AppendRequest that come before its entries. Checked on their own so that
     * decode knows, before reading any entry, that {@code prevLogIndex + 1 + i} cannot overflow.
     */
    void appendRequest(long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                       long seq, int entryCount) {
        term(term);
        index("prevLogIndex", prevLogIndex);
        logTerm("prevLogTerm", prevLogTerm, term);
        index("leaderCommit", leaderCommit);
        seq(seq);
        if (entryCount > 0 && prevLogIndex > Long.MAX_VALUE - entryCount) {
            throw fail(entryCount + " entries after prevLogIndex " + prevLogIndex
                    + " would run past the largest possible log index");
        }
    }

    /**
     * One entry of an AppendRequest, the {@code position}-th (from 0). Entries are the slice of
     * the leader's log right after prevLogIndex, so their indexes are contiguous from there, and
     * their terms never decrease (a log's terms only grow, section 5.3) and never exceed the
     * leader's own term.
     *
     * @param previousTerm the term of the entry before this one, or prevLogTerm for the first
     */
    void entry(int position, long index, long term, long prevLogIndex, long previousTerm,
               long messageTerm) {
        long expected = prevLogIndex + 1 + position;
        if (index != expected) {
            throw fail("entry " + position + " has index " + index + ", but entries must be"
                    + " contiguous from prevLogIndex+1, so " + expected + " was expected");
        }
        if (term < 1) {
            throw fail("entry " + position + " has term " + term + ", but entry terms start"
                    + " at 1");
        }
        if (term > messageTerm) {
            throw fail("entry " + position + " has term " + term + ", above the message term "
                    + messageTerm);
        }
        if (term < previousTerm) {
            throw fail("entry " + position + " has term " + term + ", below the term "
                    + previousTerm + " before it, but the terms in a log never decrease");
        }
    }

    /**
     * A JSON text carried by a forwarding payload: at most {@link PeerCodec#MAX_JSON_BYTES} once
     * encoded as UTF-8, and encodable at all (no unpaired surrogate).
     */
    void json(String field, String text) {
        long length = utf8Length(text);
        if (length < 0) {
            throw fail(field + " holds an unpaired surrogate, which UTF-8 cannot encode");
        }
        if (length > PeerCodec.MAX_JSON_BYTES) {
            throw fail(field + " is " + length + " bytes of UTF-8, but at most "
                    + PeerCodec.MAX_JSON_BYTES + " are allowed");
        }
    }

    /** The number of bytes {@code text} takes in UTF-8, or -1 when it cannot be encoded. */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return -1;
                }
                length += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private void voteRequest(long term, long lastLogIndex, long lastLogTerm) {
        term(term);
        index("lastLogIndex", lastLogIndex);
        logTerm("lastLogTerm", lastLogTerm, term);
    }

    private void appendResponse(AppendResponse r) {
        term(r.term());
        index("index", r.index());
        index("hintIndex", r.hintIndex());
        logTerm("hintTerm", r.hintTerm(), r.term());
        seq(r.seq());
    }

    private void entries(AppendRequest r) {
        List<Entry> entries = r.entries();
        long previousTerm = r.prevLogTerm();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            entry(i, e.index(), e.term(), r.prevLogIndex(), previousTerm, r.term());
            previousTerm = e.term();
        }
    }

    private void term(long term) {
        if (term < 0) {
            throw fail("term is " + term + ", but terms are never negative");
        }
    }

    private void index(String field, long index) {
        if (index < 0) {
            throw fail(field + " is " + index + ", but log indexes are never negative");
        }
    }

    /**
     * A term read from the sender's log (lastLogTerm, prevLogTerm, hintTerm). A server's log
     * holds no term later than its current term, which every one of these messages carries.
     */
    private void logTerm(String field, long value, long messageTerm) {
        if (value < 0) {
            throw fail(field + " is " + value + ", but terms are never negative");
        }
        if (value > messageTerm) {
            throw fail(field + " " + value + " is above the message term " + messageTerm
                    + ", but no server's log holds a term later than its own");
        }
    }

    private void seq(long seq) {
        if (seq < 0) {
            throw fail("seq is " + seq + ", but read rounds are never negative");
        }
    }

    private RuntimeException fail(String sentence) {
        return failure.apply(sentence);
    }
}
