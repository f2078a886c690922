package org.raftteller.ui.feed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.Role;

/**
 * Writes what happens in plain words into the feed: "Node 3's election timer ran out: it starts
 * an election for term 4". One method per kind of news; each writes whole sentences.
 */
public final class FeedWriter {

    /** Commits of more entries than this in one frame are told as one range. */
    public static final int COMMITS_TOLD_ONE_BY_ONE = 5;

    private final FeedModel feed;

    public FeedWriter(FeedModel feed) {
        this.feed = feed;
    }

    /** One node's Raft events of one batch, in order. */
    public void raftEvents(int node, List<RaftEvent> events) {
        Iterator<RaftEvent> it = events.iterator();
        RaftEvent held = null;
        while (held != null || it.hasNext()) {
            RaftEvent e = held != null ? held : it.next();
            held = null;
            if (e instanceof RaftEvent.ElectionTimeout) {
                RaftEvent next = it.hasNext() ? it.next() : null;
                if (next instanceof RaftEvent.PreVoteStarted) {
                    feed.add(node, FeedKind.ELECTION, "Node " + node + "'s election timer ran out: "
                            + "it asks the others whether it could win term "
                            + ((RaftEvent.PreVoteStarted) next).term() + " (pre-vote)");
                } else if (next instanceof RaftEvent.ElectionStarted) {
                    feed.add(node, FeedKind.ELECTION, "Node " + node + "'s election timer ran out: "
                            + "it starts an election for term "
                            + ((RaftEvent.ElectionStarted) next).term());
                } else {
                    feed.add(node, FeedKind.ELECTION, "Node " + node + "'s election timer ran out");
                    held = next;
                }
            } else {
                single(node, e);
            }
        }
    }

    private void single(int node, RaftEvent e) {
        String n = "Node " + node;
        if (e instanceof RaftEvent.PreVoteStarted) {
            feed.add(node, FeedKind.ELECTION, n + " asks the others whether it could win term "
                    + ((RaftEvent.PreVoteStarted) e).term() + " (pre-vote)");
        } else if (e instanceof RaftEvent.ElectionStarted) {
            feed.add(node, FeedKind.ELECTION, n + " won a majority of pre-votes: it starts an "
                    + "election for term " + ((RaftEvent.ElectionStarted) e).term()
                    + " and votes for itself");
        } else if (e instanceof RaftEvent.VoteCast) {
            RaftEvent.VoteCast v = (RaftEvent.VoteCast) e;
            feed.add(node, FeedKind.ELECTION, n + " votes for node " + v.candidate() + " in term "
                    + v.term());
        } else if (e instanceof RaftEvent.BecameLeader) {
            RaftEvent.BecameLeader b = (RaftEvent.BecameLeader) e;
            feed.add(node, FeedKind.LEADER, n + " is leader of term " + b.term()
                    + " with votes from " + list(b.voters()));
        } else if (e instanceof RaftEvent.BecameFollower) {
            RaftEvent.BecameFollower f = (RaftEvent.BecameFollower) e;
            feed.add(node, FeedKind.LEADER, n + " is a follower again in term " + f.term()
                    + " (it was " + article(f.previousRole()) + ")");
        } else if (e instanceof RaftEvent.LeaderKnown) {
            RaftEvent.LeaderKnown k = (RaftEvent.LeaderKnown) e;
            if (k.leader() != node) {
                feed.add(node, FeedKind.LEADER, n + " follows node " + k.leader() + ", leader of term "
                        + k.term());
            }
        } else if (e instanceof RaftEvent.QuorumLost) {
            feed.add(node, FeedKind.LEADER, n + " steps down in term "
                    + ((RaftEvent.QuorumLost) e).term() + ": a majority stopped answering");
        } else if (e instanceof RaftEvent.LogTruncated) {
            RaftEvent.LogTruncated t = (RaftEvent.LogTruncated) e;
            feed.add(node, FeedKind.LOG, n + " drops its uncommitted entries from index "
                    + t.fromIndex() + " on: the leader's log differs there");
        }
    }

    /** Entry {@code index} is committed; {@code text} is its command. */
    public void committed(int node, long index, String text) {
        feed.add(node, FeedKind.LOG, "Entry " + index + " (" + text + ") is committed");
    }

    /** Entries {@code from} to {@code to} were committed within one frame. */
    public void committedRange(int node, long from, long to) {
        feed.addCommitRange(node, from, to);
    }

    public void crashed(int node) {
        feed.add(node, FeedKind.FAULT, "Node " + node + " crashed: its memory is gone, its disk "
                + "stays");
    }

    public void recovered(int node, int entries, boolean first) {
        feed.add(node, FeedKind.FAULT, first
                ? "Node " + node + " starts with " + entries(entries) + " on its disk"
                : "Node " + node + " restarts and recovers " + entries(entries) + " from its disk");
    }

    /** A message was lost; repeats of the same loss count up on one line. */
    public void dropped(int from, int to, String summary, String reason) {
        feed.addRepeating("lost " + from + ">" + to + ":" + reason, from, FeedKind.FAULT,
                times -> times == 1
                        ? "Node " + from + "'s message to node " + to + " was lost (" + summary
                                + "): " + reason
                        : "Node " + from + "'s messages to node " + to + " are lost: " + reason
                                + " (" + times + " so far, the latest " + summary + ")");
    }

    public void control(String text) {
        feed.add(0, FeedKind.CONTROL, text);
    }

    /** A client's answer, already in words. */
    public void answer(int node, String sentence) {
        feed.add(node, FeedKind.CLIENT, sentence);
    }

    static String list(Set<Integer> ids) {
        List<String> parts = new ArrayList<>();
        new TreeSet<>(ids).forEach(i -> parts.add(Integer.toString(i)));
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
                + parts.get(parts.size() - 1);
    }

    private static String article(Role role) {
        String w = role.word();
        return (w.startsWith("a") || w.startsWith("e") || w.startsWith("i") || w.startsWith("o")
                ? "an " : "a ") + w;
    }

    private static String entries(int n) {
        return n == 1 ? "1 log entry" : n + " log entries";
    }
}
