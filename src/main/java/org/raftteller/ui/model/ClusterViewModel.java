package org.raftteller.ui.model;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.raftteller.bank.Money;
import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.NodeView;
import org.raftteller.cluster.Tempo;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;
import org.raftteller.ui.feed.FeedModel;
import org.raftteller.ui.feed.FeedWriter;
import org.raftteller.ui.logs.LogModel;
import org.raftteller.ui.ring.Flight;
import org.raftteller.ui.ring.Flights;

/**
 * The window's main view model: it applies each frame's batch of cluster events to the feature
 * models (the nodes of the ring, the messages in flight, the logs, the feed) and derives the
 * status bar. JavaFX thread only.
 *
 * <p>State reports are coalesced: of a node's StateChanged events in one frame only the last is
 * applied, since each one is a whole picture. Log changes, Raft events, messages and faults are
 * all applied, in order.
 */
public final class ClusterViewModel {

    private final Map<Integer, NodeModel> nodes = new TreeMap<>();
    private final Flights flights = new Flights();
    private final LogModel logs = new LogModel();
    private final FeedModel feed = new FeedModel();
    private final FeedWriter writer = new FeedWriter(feed);
    private final ClusterClock clock = new ClusterClock();
    private final Set<Integer> everStarted = new HashSet<>();

    private final ReadOnlyIntegerWrapper leader = new ReadOnlyIntegerWrapper(this, "leader");
    private final ReadOnlyLongWrapper term = new ReadOnlyLongWrapper(this, "term");
    private final ReadOnlyLongWrapper commitIndex = new ReadOnlyLongWrapper(this, "commitIndex");
    private final ReadOnlyObjectWrapper<Long> committedBalance =
            new ReadOnlyObjectWrapper<>(this, "committedBalance");
    private final ReadOnlyObjectWrapper<Tempo> tempo = new ReadOnlyObjectWrapper<>(this, "tempo");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase",
            "Starting the nodes\u2026");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");
    private long announcedCommit;
    private long eventsApplied;

    public ClusterViewModel(List<Integer> ids, Tempo initialTempo) {
        ids.forEach(id -> nodes.put(id, new NodeModel(id)));
        tempo.set(initialTempo);
        updateStatus();
    }

    // ---------------------------------------------------------------- the frame

    /** Applies one frame's events, in order, then refreshes what is derived from them. */
    public void apply(List<ClusterEvent> batch, long frameNanos) {
        long now = clock.at(frameNanos);
        Map<Integer, NodeView> latest = new LinkedHashMap<>();
        for (ClusterEvent e : batch) {
            applyOne(e, now, latest);
        }
        latest.forEach((id, view) -> {
            NodeModel n = nodes.get(id);
            if (n != null && n.isUp()) {
                n.publish(view, now);
            }
        });
        eventsApplied += batch.size();
        flights.expire(now);
        if (!batch.isEmpty()) {
            announceCommits();
            updateStatus();
        }
        feed.flush();
    }

    private void applyOne(ClusterEvent e, long now, Map<Integer, NodeView> latest) {
        if (e instanceof ClusterEvent.StateChanged) {
            ClusterEvent.StateChanged s = (ClusterEvent.StateChanged) e;
            latest.put(s.node(), s.view());
        } else if (e instanceof ClusterEvent.MessageSent) {
            flights.sent((ClusterEvent.MessageSent) e, now);
        } else if (e instanceof ClusterEvent.MessageDelivered) {
            flights.delivered((ClusterEvent.MessageDelivered) e);
        } else if (e instanceof ClusterEvent.MessageDropped) {
            ClusterEvent.MessageDropped d = (ClusterEvent.MessageDropped) e;
            Flight lost = flights.dropped(d);
            writer.dropped(d.node(), d.to(), lost == null ? "a message" : lost.summary(), d.reason());
        } else if (e instanceof ClusterEvent.LogChanged) {
            ClusterEvent.LogChanged l = (ClusterEvent.LogChanged) e;
            logs.replaceFrom(l.node(), l.entries());
        } else if (e instanceof ClusterEvent.RaftEvents) {
            ClusterEvent.RaftEvents r = (ClusterEvent.RaftEvents) e;
            writer.raftEvents(r.node(), r.events());
        } else if (e instanceof ClusterEvent.NodeCrashed) {
            int id = e.node();
            latest.remove(id);
            flights.crashed(id);
            node(id).crashed();
            writer.crashed(id);
        } else if (e instanceof ClusterEvent.NodeRevived) {
            ClusterEvent.NodeRevived r = (ClusterEvent.NodeRevived) e;
            logs.recovered(r.node(), r.log());
            node(r.node()).revived();
            writer.recovered(r.node(), r.log().size(), everStarted.add(r.node()));
        }
    }

    /** Tells each newly committed entry once, by the highest commit index any node reports. */
    private void announceCommits() {
        int reporter = 0;
        long highest = 0;
        for (NodeModel n : nodes.values()) {
            if (n.commitIndex() > highest) {
                highest = n.commitIndex();
                reporter = n.id();
            }
        }
        if (highest <= announcedCommit) {
            return;
        }
        long from = announcedCommit + 1;
        if (highest - announcedCommit > FeedWriter.COMMITS_TOLD_ONE_BY_ONE) {
            writer.committedRange(reporter, from, highest);
        } else {
            for (long i = from; i <= highest; i++) {
                LogModel.Cell c = logs.cell(reporter, i);
                writer.committed(reporter, i, c != null ? c.text() : logs.textAt(i));
            }
        }
        announcedCommit = highest;
        commitIndex.set(highest);
    }

    private void updateStatus() {
        int lead = 0;
        long highestTerm = 0;
        Long balance = null;
        long bestApplied = -1;
        for (NodeModel n : nodes.values()) {
            RaftStatus r = n.raft();
            if (r == null) {
                continue;
            }
            highestTerm = Math.max(highestTerm, r.term());
            if (r.role() == Role.LEADER && (lead == 0 || r.term() >= nodes.get(lead).term())) {
                lead = n.id();
            }
            if (n.view().lastApplied() > bestApplied) {
                bestApplied = n.view().lastApplied();
                balance = n.view().balance();
            }
        }
        leader.set(lead);
        term.set(highestTerm);
        committedBalance.set(balance);
        if (lead != 0 || highestTerm > 0) {
            phase.set(clock.isPaused() ? "Paused" : "Running");
        }
        status.set((lead == 0 ? "No leader" : "Leader: node " + lead)
                + "   \u2502   Term " + highestTerm
                + "   \u2502   Committed balance " + (balance == null ? "\u2013" : Money.format(balance))
                + "   \u2502   Tempo " + tempo.get().label()
                + "   \u2502   " + phase.get());
    }

    // ---------------------------------------------------------------- commands from the controls

    /** The user paused the cluster: the picture's clock stops at once. */
    public void paused(long nanos) {
        clock.pause(nanos);
        phase.set("Paused");
        writer.control("The whole cluster is paused: no ticks, no messages move");
        updateStatus();
        feed.flush();
    }

    public void resumed(long nanos) {
        clock.resume(nanos);
        phase.set("Running");
        writer.control("The cluster runs again");
        updateStatus();
        feed.flush();
    }

    public void tempoChanged(Tempo t) {
        tempo.set(t);
        writer.control("Tempo is now " + t.label() + ": elections " + t.electionMinMillis() + "\u2013"
                + t.electionMaxMillis() + " ms, heartbeat " + t.heartbeatMillis()
                + " ms, each message " + t.transitMillis() + " ms in transit");
        updateStatus();
        feed.flush();
    }

    /** A line written by the controls, such as a client's answer. */
    public FeedWriter writer() {
        return writer;
    }

    /** Shows lines the controls wrote outside a frame. */
    public void flushFeed() {
        feed.flush();
    }

    public void stopped(String why) {
        phase.set(why);
        updateStatus();
    }

    // ---------------------------------------------------------------- read side

    public NodeModel node(int id) {
        NodeModel n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return n;
    }

    public Map<Integer, NodeModel> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public List<Integer> ids() {
        return List.copyOf(nodes.keySet());
    }

    public Flights flights() {
        return flights;
    }

    public LogModel logs() {
        return logs;
    }

    public FeedModel feed() {
        return feed;
    }

    public ClusterClock clock() {
        return clock;
    }

    public ReadOnlyIntegerProperty leaderProperty() {
        return leader.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty termProperty() {
        return term.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty commitIndexProperty() {
        return commitIndex.getReadOnlyProperty();
    }

    /** The balance of the node that has applied the most entries; null before any report. */
    public ReadOnlyObjectProperty<Long> committedBalanceProperty() {
        return committedBalance.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tempo> tempoProperty() {
        return tempo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public long eventsApplied() {
        return eventsApplied;
    }
}
