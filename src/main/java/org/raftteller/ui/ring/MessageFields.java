package org.raftteller.ui.ring;

import java.util.List;

import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.ui.logs.EntryText;

/** A message's fields in words, one per line, as the details panel shows them. */
final class MessageFields {

    private MessageFields() {
    }

    static String describe(Flight f) {
        StringBuilder s = new StringBuilder(f.title());
        Message m = f.message();
        if (m == null) {
            line(s, "what", f.summary());
        } else {
            line(s, "term", Long.toString(m.term()));
            fields(s, m);
        }
        line(s, "in transit", f.transitMillis() + " ms by the tempo, trace " + f.traceId());
        return s.toString();
    }

    private static void fields(StringBuilder s, Message m) {
        if (m instanceof Message.PreVoteRequest) {
            Message.PreVoteRequest r = (Message.PreVoteRequest) m;
            line(s, "lastLogIndex", Long.toString(r.lastLogIndex()));
            line(s, "lastLogTerm", Long.toString(r.lastLogTerm()));
        } else if (m instanceof Message.VoteRequest) {
            Message.VoteRequest r = (Message.VoteRequest) m;
            line(s, "lastLogIndex", Long.toString(r.lastLogIndex()));
            line(s, "lastLogTerm", Long.toString(r.lastLogTerm()));
        } else if (m instanceof Message.PreVoteResponse) {
            line(s, "granted", yesNo(((Message.PreVoteResponse) m).granted()));
        } else if (m instanceof Message.VoteResponse) {
            line(s, "voteGranted", yesNo(((Message.VoteResponse) m).granted()));
        } else if (m instanceof Message.AppendRequest) {
            Message.AppendRequest r = (Message.AppendRequest) m;
            line(s, "prevLogIndex", Long.toString(r.prevLogIndex()));
            line(s, "prevLogTerm", Long.toString(r.prevLogTerm()));
            line(s, "entries", entries(r.entries()));
            line(s, "leaderCommit", Long.toString(r.leaderCommit()));
        } else if (m instanceof Message.AppendResponse) {
            Message.AppendResponse r = (Message.AppendResponse) m;
            line(s, "success", yesNo(r.success()));
            line(s, r.success() ? "matches up to" : "refused at", Long.toString(r.index()));
            if (!r.success()) {
                line(s, "hint", "try index " + r.hintIndex() + " (term " + r.hintTerm() + ")");
            }
        }
    }

    private static String entries(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "none (a heartbeat)";
        }
        StringBuilder s = new StringBuilder();
        int shown = Math.min(entries.size(), 4);
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            s.append(i == 0 ? "" : ", ").append(e.index()).append(": ")
                    .append(EntryText.command(e));
        }
        if (entries.size() > shown) {
            s.append(" and ").append(entries.size() - shown).append(" more");
        }
        return s.toString();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append('\n').append(name).append(": ").append(value);
    }
}
