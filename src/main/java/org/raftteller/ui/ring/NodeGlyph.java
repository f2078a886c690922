package org.raftteller.ui.ring;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;

import org.raftteller.cluster.NodeView;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;
import org.raftteller.ui.Styles;
import org.raftteller.ui.model.NodeModel;

/**
 * One node of the ring: a shape whose form and colour say its role (set by the stylesheet through
 * pseudo-classes), its id and role word inside, the election timer as an arc around it, and its
 * term, vote, known leader and votes below. Built from scene-graph nodes with ids and style
 * classes, so CSS styles it and tests find it: {@code #node-3}, {@code #node-3-role}.
 */
public final class NodeGlyph extends VBox {

    static final double TIMER_RADIUS = 58;
    /** The distance from the centre at which messages leave and arrive. */
    static final double EDGE_RADIUS = 64;
    private static final double TIMER_PAD = 7;

    public static final PseudoClass LEADER = PseudoClass.getPseudoClass("leader");
    public static final PseudoClass FOLLOWER = PseudoClass.getPseudoClass("follower");
    public static final PseudoClass CANDIDATE = PseudoClass.getPseudoClass("candidate");
    public static final PseudoClass PRE_CANDIDATE = PseudoClass.getPseudoClass("pre-candidate");
    public static final PseudoClass CRASHED = PseudoClass.getPseudoClass("crashed");
    public static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final NodeModel model;
    private final StackPane body = new StackPane();
    private final Region shape = new Region();
    private final Arc timer = new Arc(0, 0, TIMER_RADIUS, TIMER_RADIUS, 90, 360);
    private final Label idLabel = new Label();
    private final Label roleLabel = new Label();
    private final Label termLabel = new Label();
    private final Label leaderLabel = new Label();
    private final Label votesLabel = new Label();

    public NodeGlyph(NodeModel model) {
        this.model = model;
        int id = model.id();
        setId("node-" + id);
        getStyleClass().add(Styles.NODE_GLYPH);

        // A fixed-size pane keeps the arc still while its length changes; a StackPane would
        // re-centre it on its shrinking bounds.
        double c = TIMER_RADIUS + TIMER_PAD;
        Circle track = new Circle(c, c, TIMER_RADIUS);
        track.getStyleClass().add("timer-track");
        timer.setCenterX(c);
        timer.setCenterY(c);
        Pane dial = new Pane(track, timer);
        dial.setMinSize(2 * c, 2 * c);
        dial.setPrefSize(2 * c, 2 * c);
        dial.setMaxSize(2 * c, 2 * c);
        dial.setMouseTransparent(true);
        timer.setType(ArcType.OPEN);
        timer.getStyleClass().add("timer-arc");
        timer.setId("node-" + id + "-timer");
        shape.getStyleClass().add("node-shape");
        shape.setMouseTransparent(true);
        idLabel.setText(Integer.toString(id));
        idLabel.getStyleClass().add("node-id");
        roleLabel.setId("node-" + id + "-role");
        roleLabel.getStyleClass().add("node-role");
        VBox inside = new VBox(idLabel, roleLabel);
        inside.getStyleClass().add("node-inside");
        inside.setMouseTransparent(true);
        body.getChildren().addAll(dial, shape, inside);
        body.getStyleClass().add("node-body");

        termLabel.setId("node-" + id + "-term");
        leaderLabel.setId("node-" + id + "-leader");
        votesLabel.setId("node-" + id + "-votes");
        for (Label l : List.of(termLabel, leaderLabel, votesLabel)) {
            l.getStyleClass().add("node-info");
            l.managedProperty().bind(l.textProperty().isNotEmpty());
        }
        getChildren().addAll(body, termLabel, leaderLabel, votesLabel);

        model.viewProperty().addListener((o, a, b) -> refresh());
        model.upProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    public NodeModel model() {
        return model;
    }

    /** The centre of the shape, in the parent's coordinates. */
    public Point2D centre() {
        Point2D inGlyph = body.localToParent(body.getWidth() / 2, body.getHeight() / 2);
        return localToParent(inGlyph);
    }

    /** The body's centre relative to the glyph's top-left corner, before the glyph is laid out. */
    double bodyCentreY() {
        return body.prefHeight(-1) / 2;
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Drains the election timer arc; called each frame. */
    void frame(long clusterNanos, int tickMillis) {
        double left = model.electionTimerLeft(clusterNanos, tickMillis);
        timer.setLength(-360 * left);
    }

    private void refresh() {
        NodeView view = model.view();
        RaftStatus r = model.raft();
        boolean up = model.isUp() && view != null;
        Role role = r == null ? null : r.role();
        pseudoClassStateChanged(CRASHED, !model.isUp());
        pseudoClassStateChanged(PAUSED, up && view.paused());
        pseudoClassStateChanged(LEADER, role == Role.LEADER);
        pseudoClassStateChanged(FOLLOWER, role == Role.FOLLOWER);
        pseudoClassStateChanged(CANDIDATE, role == Role.CANDIDATE);
        pseudoClassStateChanged(PRE_CANDIDATE, role == Role.PRE_CANDIDATE);

        if (!model.isUp()) {
            roleLabel.setText("crashed");
            termLabel.setText(r == null && view != null && view.raft() != null
                    ? "was in term " + view.raft().term() : "down");
            leaderLabel.setText("");
            votesLabel.setText("");
            timer.setVisible(false);
            return;
        }
        if (r == null) {
            roleLabel.setText("starting");
            termLabel.setText("");
            leaderLabel.setText("");
            votesLabel.setText("");
            timer.setVisible(false);
            return;
        }
        timer.setVisible(true);
        roleLabel.setText(role.word());
        termLabel.setText("term " + r.term() + "  \u00b7  voted " + (r.votedFor() == 0 ? "\u2013" : r.votedFor()));
        leaderLabel.setText(role == Role.LEADER ? "leads term " + r.term()
                : "leader " + (r.leader() == 0 ? "unknown" : "node " + r.leader()));
        boolean campaigning = role == Role.CANDIDATE || role == Role.PRE_CANDIDATE;
        votesLabel.setText(campaigning ? (role == Role.PRE_CANDIDATE ? "pre-votes " : "votes ")
                + join(r.votesGranted()) : "");
    }

    /** Every field of the node, for the details panel. */
    public String fields() {
        NodeView view = model.view();
        RaftStatus r = model.raft();
        StringBuilder s = new StringBuilder("Node " + model.id());
        if (r == null) {
            return s.append(model.isUp() ? ": starting" : ": crashed; its disk keeps its log")
                    .toString();
        }
        s.append(": ").append(r.role().word()).append(view.paused() ? " (paused)" : "");
        s.append("\ncurrentTerm: ").append(r.term());
        s.append("\nvotedFor: ").append(r.votedFor() == 0 ? "nobody" : Integer.toString(r.votedFor()));
        s.append("\nleader: ").append(r.leader() == 0 ? "unknown" : Integer.toString(r.leader()));
        s.append("\nelection timer: ").append(r.electionElapsed()).append(" of ")
                .append(r.electionTimeout()).append(" ticks");
        s.append("\nlog: last index ").append(r.lastLogIndex()).append(", last term ")
                .append(r.lastLogTerm());
        s.append("\ncommitIndex: ").append(r.commitIndex()).append(", lastApplied: ")
                .append(view.lastApplied());
        if (!r.followers().isEmpty()) {
            s.append("\nfollowers (nextIndex / matchIndex):");
            new TreeSet<>(r.followers().keySet()).forEach(f -> s.append("\n  node ").append(f)
                    .append(": ").append(r.followers().get(f).nextIndex()).append(" / ")
                    .append(r.followers().get(f).matchIndex()));
        }
        return s.toString();
    }

    private static String join(Set<Integer> ids) {
        StringBuilder s = new StringBuilder();
        new TreeSet<>(ids).forEach(i -> s.append(s.length() == 0 ? "" : ", ").append(i));
        return s.toString();
    }
}
