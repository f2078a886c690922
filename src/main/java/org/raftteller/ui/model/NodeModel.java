package org.raftteller.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.raftteller.cluster.NodeView;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;

/**
 * One node as the window shows it: its latest published view (at most one per frame), whether it
 * is up, and when the view arrived, so the election timer can drain smoothly between ticks.
 */
public final class NodeModel {

    private final int id;
    private final ReadOnlyObjectWrapper<NodeView> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyBooleanWrapper up = new ReadOnlyBooleanWrapper(this, "up", true);
    private long viewClusterNanos;

    public NodeModel(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The latest view the node published; null until the first one. */
    public ReadOnlyObjectProperty<NodeView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public NodeView view() {
        return view.get();
    }

    public ReadOnlyBooleanProperty upProperty() {
        return up.getReadOnlyProperty();
    }

    public boolean isUp() {
        return up.get();
    }

    /** The core's state, or null while the node is down or has not reported yet. */
    public RaftStatus raft() {
        NodeView v = view.get();
        return up.get() && v != null ? v.raft() : null;
    }

    public Role role() {
        RaftStatus r = raft();
        return r == null ? null : r.role();
    }

    public long term() {
        RaftStatus r = raft();
        return r == null ? 0 : r.term();
    }

    public long commitIndex() {
        RaftStatus r = raft();
        return r == null ? 0 : r.commitIndex();
    }

    /**
     * How much of the election timer is left, 0 to 1, at cluster time {@code clusterNanos}: the
     * published ticks plus the ticks that have passed since, so the arc drains between reports.
     * A leader's timer is full: it sends heartbeats instead of waiting for them.
     */
    public double electionTimerLeft(long clusterNanos, int tickMillis) {
        RaftStatus r = raft();
        if (r == null) {
            return 0;
        }
        if (r.role() == Role.LEADER || r.electionTimeout() <= 0) {
            return 1;
        }
        double since = (clusterNanos - viewClusterNanos) / 1e6 / Math.max(1, tickMillis);
        // A report comes every tick; never run ahead by more than one tick of extrapolation.
        double elapsed = r.electionElapsed() + Math.min(Math.max(0, since), 1.0);
        return Math.max(0, Math.min(1, 1 - elapsed / r.electionTimeout()));
    }

    void publish(NodeView newView, long clusterNanos) {
        viewClusterNanos = clusterNanos;
        view.set(newView);
        up.set(newView.up());
    }

    void crashed() {
        up.set(false);
    }

    void revived() {
        up.set(true);
    }
}
