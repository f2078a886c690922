package org.raftteller.ui.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.Role;

class FeedWriterTest {

    private final FeedModel feed = new FeedModel();
    private final FeedWriter writer = new FeedWriter(feed);

    private List<String> lines() {
        return feed.history().stream().map(FeedItem::text).collect(Collectors.toList());
    }

    @Test
    void anElectionTimeoutIsToldWithTheElectionItStarts() {
        writer.raftEvents(3, List.of(new RaftEvent.ElectionTimeout(3, Role.FOLLOWER),
                new RaftEvent.ElectionStarted(4)));

        assertThat(lines()).containsExactly(
                "Node 3's election timer ran out: it starts an election for term 4");
    }

    @Test
    void aPreVoteAfterATimeoutIsToldAsAQuestion() {
        writer.raftEvents(3, List.of(new RaftEvent.ElectionTimeout(3, Role.FOLLOWER),
                new RaftEvent.PreVoteStarted(4)));

        assertThat(lines()).containsExactly("Node 3's election timer ran out: it asks the others "
                + "whether it could win term 4 (pre-vote)");
    }

    @Test
    void aNewLeaderIsToldWithItsVoters() {
        writer.raftEvents(1, List.of(new RaftEvent.BecameLeader(4, Set.of(5, 1, 3)),
                new RaftEvent.LeaderKnown(1, 4)));

        assertThat(lines()).containsExactly("Node 1 is leader of term 4 with votes from 1, 3 and 5");
    }

    @Test
    void aCommitIsToldWithTheEntrysCommand() {
        writer.committed(1, 12, "+25.00");

        assertThat(lines()).containsExactly("Entry 12 (+25.00) is committed");
    }

    @Test
    void aBurstOfCommitsGrowsOneLineUntilSomethingElseHappens() {
        writer.committedRange(1, 10, 30);
        feed.flush();
        writer.committedRange(1, 31, 60);
        feed.flush();
        writer.crashed(2);
        writer.committedRange(1, 61, 90);
        feed.flush();

        assertThat(lines()).containsExactly("Entries 10 to 60 are committed",
                "Node 2 crashed: its memory is gone, its disk stays",
                "Entries 61 to 90 are committed");
        assertThat(feed.shown()).extracting(FeedItem::text).containsExactly(
                "Entries 61 to 90 are committed",
                "Node 2 crashed: its memory is gone, its disk stays",
                "Entries 10 to 60 are committed");
    }

    @Test
    void repeatedLossesToACrashedNodeCountUpOnOneLine() {
        writer.dropped(1, 3, "heartbeat (term 2, commit 5)", "node 3 is not connected");
        feed.flush();
        writer.committed(1, 6, "+1.00");
        writer.dropped(1, 3, "heartbeat (term 2, commit 6)", "node 3 is not connected");
        writer.dropped(1, 3, "heartbeat (term 2, commit 6)", "node 3 is not connected");
        feed.flush();

        assertThat(lines()).containsExactly("Node 1's messages to node 3 are lost: node 3 is not "
                        + "connected (3 so far, the latest heartbeat (term 2, commit 6))",
                "Entry 6 (+1.00) is committed");
        assertThat(feed.shown()).extracting(FeedItem::text).containsExactly(
                "Entry 6 (+1.00) is committed",
                "Node 1's messages to node 3 are lost: node 3 is not connected (3 so far, the "
                        + "latest heartbeat (term 2, commit 6))");
    }

    @Test
    void eventsAfterAnUnpairedTimeoutAreNotLost() {
        writer.raftEvents(2, List.of(new RaftEvent.ElectionTimeout(3, Role.LEADER),
                new RaftEvent.VoteCast(4, 4)));

        assertThat(lines()).containsExactly("Node 2's election timer ran out",
                "Node 2 votes for node 4 in term 4");
    }

    @Test
    void theFeedShowsNewestFirstAndFiltersByNodeAndKind() {
        writer.crashed(2);
        writer.committed(1, 1, "no-op");
        writer.raftEvents(3, List.of(new RaftEvent.VoteCast(1, 2)));
        feed.flush();

        assertThat(feed.shown()).extracting(FeedItem::node).containsExactly(3, 1, 2);
        feed.nodeFilterProperty().set(2);
        assertThat(feed.shown()).extracting(FeedItem::kind).containsExactly(FeedKind.FAULT);
        feed.nodeFilterProperty().set(0);
        feed.kindFilterProperty().set(FeedKind.LOG);
        assertThat(feed.shown()).extracting(FeedItem::text)
                .containsExactly("Entry 1 (no-op) is committed");
    }

    @Test
    void theFeedShowsACappedNumberOfLinesButKeepsThemAll() {
        for (int i = 1; i <= FeedModel.SHOWN + 50; i++) {
            writer.committed(1, i, "+1.00");
        }
        feed.flush();

        assertThat(feed.shown()).hasSize(FeedModel.SHOWN);
        assertThat(feed.shown().get(0).text()).startsWith("Entry " + (FeedModel.SHOWN + 50) + " ");
        assertThat(feed.history()).hasSize(FeedModel.SHOWN + 50);
    }
}
