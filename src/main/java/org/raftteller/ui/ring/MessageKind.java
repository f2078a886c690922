package org.raftteller.ui.ring;

import javafx.css.PseudoClass;

import org.raftteller.raft.Message;

/**
 * What a marker in flight stands for. Each kind has a pseudo-class: the shape and colour come
 * from the stylesheet, and the legend is drawn from the same pseudo-classes.
 */
public enum MessageKind {
    PRE_VOTE("pre-vote", "PreVote request", false),
    PRE_VOTE_REPLY("pre-vote", "PreVote reply", true),
    REQUEST_VOTE("request-vote", "RequestVote request", false),
    REQUEST_VOTE_REPLY("request-vote", "RequestVote reply", true),
    HEARTBEAT("heartbeat", "AppendEntries heartbeat (no entries)", false),
    APPEND_ENTRIES("append-entries", "AppendEntries with entries", false),
    APPEND_REPLY("append-entries", "AppendEntries reply", true),
    FORWARD("forward", "client request forwarded to the leader, or its answer", false);

    private final PseudoClass pseudoClass;
    private final String description;
    private final boolean reply;

    MessageKind(String pseudoClass, String description, boolean reply) {
        this.pseudoClass = PseudoClass.getPseudoClass(pseudoClass);
        this.description = description;
        this.reply = reply;
    }

    /** {@code :heartbeat}, {@code :append-entries} and so on; replies share their request's. */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }

    public String description() {
        return description;
    }

    public boolean isReply() {
        return reply;
    }

    /** The kind of {@code m}; a null message is a forwarded client request or answer. */
    public static MessageKind of(Message m) {
        if (m instanceof Message.PreVoteRequest) {
            return PRE_VOTE;
        } else if (m instanceof Message.PreVoteResponse) {
            return PRE_VOTE_REPLY;
        } else if (m instanceof Message.VoteRequest) {
            return REQUEST_VOTE;
        } else if (m instanceof Message.VoteResponse) {
            return REQUEST_VOTE_REPLY;
        } else if (m instanceof Message.AppendRequest) {
            return ((Message.AppendRequest) m).isHeartbeat() ? HEARTBEAT : APPEND_ENTRIES;
        } else if (m instanceof Message.AppendResponse) {
            return APPEND_REPLY;
        }
        return FORWARD;
    }

    /** Whether a reply says no: a refused (pre-)vote or a failed append. */
    public static boolean isRefusal(Message m) {
        if (m instanceof Message.PreVoteResponse) {
            return !((Message.PreVoteResponse) m).granted();
        } else if (m instanceof Message.VoteResponse) {
            return !((Message.VoteResponse) m).granted();
        } else if (m instanceof Message.AppendResponse) {
            return !((Message.AppendResponse) m).success();
        }
        return false;
    }
}
