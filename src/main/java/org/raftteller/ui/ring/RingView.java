package org.raftteller.ui.ring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;

import org.raftteller.ui.Styles;
import org.raftteller.ui.model.ClusterViewModel;
import org.raftteller.ui.model.NodeModel;

/**
 * The five nodes in a ring, with every message in flight moving from sender to receiver. The
 * glyphs update when their node's view changes; the timer arcs and the markers move each frame.
 *
 * <p>At most {@link #MAX_MARKERS} markers are drawn, the newest; a label counts the rest, so a
 * flood of messages at the Real tempo costs a fixed amount of drawing. At that tempo most
 * messages are sent and delivered within one frame and so, truthfully, never drawn at all.
 */
public final class RingView extends Pane {

    public static final int MAX_MARKERS = 60;
    /** Requests and their replies travel on either side of the line between two nodes. */
    private static final double LANE_OFFSET = 10;

    /** What the ring asks of the window: crash, revive or pick a node. */
    public interface NodeActions {
        void crash(int node);

        void revive(int node);

        void pick(int node);
    }

    private final ClusterViewModel model;
    private final Map<Integer, NodeGlyph> glyphs = new LinkedHashMap<>();
    private final List<Line> links = new ArrayList<>();
    private final Pane markerLayer = new Pane();
    private final List<MessageMarker> markers = new ArrayList<>();
    private final Label overflow = new Label();
    private final Label details = new Label();
    private double tallestGlyph;

    public RingView(ClusterViewModel model, NodeActions actions) {
        this.model = model;
        setId("ring");
        getStyleClass().add(Styles.RING);

        List<Integer> ids = model.ids();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Line l = new Line();
                l.getStyleClass().add("ring-link");
                links.add(l);
            }
        }
        getChildren().addAll(links);
        for (int id : ids) {
            NodeGlyph g = new NodeGlyph(model.node(id));
            ContextMenu menu = menu(id, actions);
            g.setOnContextMenuRequested(e -> {
                menu.show(g, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            // Some platforms (Monocle among them) send no context-menu request for a right click.
            g.setOnMousePressed(e -> {
                if (e.isSecondaryButtonDown() && !menu.isShowing()) {
                    menu.show(g, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            g.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    actions.pick(id);
                    showDetails(g.fields());
                    e.consume();
                }
            });
            glyphs.put(id, g);
            getChildren().add(g);
        }
        markerLayer.setPickOnBounds(false);
        markerLayer.getStyleClass().add("marker-layer");
        overflow.setId("markers-overflow");
        overflow.getStyleClass().add("markers-overflow");
        overflow.setManaged(false);
        details.setId("details");
        details.getStyleClass().add("details");
        details.setVisible(false);
        details.setManaged(false);
        details.setOnMouseClicked(e -> details.setVisible(false));
        getChildren().addAll(markerLayer, overflow, details);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                details.setVisible(false);
            }
        });
    }

    public NodeGlyph glyph(int id) {
        return glyphs.get(id);
    }

    /** Marks the node picked in the controls. */
    public void select(int id) {
        glyphs.forEach((n, g) -> g.setSelected(n == id));
    }

    /** Shows a node's or a message's fields in the corner panel. */
    // Not yet: the panel is a snapshot taken at the click; it does not follow the node live.
    public void showDetails(String text) {
        details.setText(text);
        details.setVisible(true);
        details.toFront();
        requestLayout();
    }

    public Label detailsLabel() {
        return details;
    }

    /** Moves the timer arcs and the markers; once per frame. */
    public void frame(long clusterNanos, int tickMillis) {
        for (NodeGlyph g : glyphs.values()) {
            g.frame(clusterNanos, tickMillis);
        }
        drawMarkers(clusterNanos);
    }

    /** The markers drawn now; for tests. */
    public List<MessageMarker> visibleMarkers() {
        List<MessageMarker> shown = new ArrayList<>();
        for (MessageMarker m : markers) {
            if (m.isVisible()) {
                shown.add(m);
            }
        }
        return shown;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        List<Integer> ids = model.ids();
        double glyphW = 0;
        double glyphH = 0;
        for (NodeGlyph g : glyphs.values()) {
            glyphW = Math.max(glyphW, g.prefWidth(-1));
            glyphH = Math.max(glyphH, g.prefHeight(-1));
        }
        // Only ever grows, so a candidate's extra line of votes does not shake the ring.
        tallestGlyph = Math.max(tallestGlyph, glyphH);
        glyphH = tallestGlyph;
        // The nodes sit on an ellipse stretched to fill the stage: a wide, low stage then keeps
        // neighbours apart, where a circle would crowd them.
        double minX = 0;
        double maxX = 0;
        double minY = 0;
        double maxY = 0;
        for (int i = 0; i < ids.size(); i++) {
            double angle = angle(i, ids.size());
            minX = Math.min(minX, Math.cos(angle));
            maxX = Math.max(maxX, Math.cos(angle));
            minY = Math.min(minY, Math.sin(angle));
            maxY = Math.max(maxY, Math.sin(angle));
        }
        double spanX = Math.max(1e-6, maxX - minX);
        double spanY = Math.max(1e-6, maxY - minY);
        double pad = 6;
        for (int i = 0; i < ids.size(); i++) {
            double angle = angle(i, ids.size());
            NodeGlyph g = glyphs.get(ids.get(i));
            double fx = ids.size() == 1 ? 0.5 : (Math.cos(angle) - minX) / spanX;
            double fy = ids.size() == 1 ? 0.5 : (Math.sin(angle) - minY) / spanY;
            double x = pad + fx * Math.max(0, w - glyphW - 2 * pad);
            double y = pad + fy * Math.max(0, h - glyphH - 2 * pad);
            g.resizeRelocate(snapPositionX(x), snapPositionY(y), glyphW, g.prefHeight(glyphW));
        }
        markerLayer.resizeRelocate(0, 0, w, h);
        overflow.autosize();
        overflow.relocate(8, h - overflow.getHeight() - 8);
        details.autosize();
        details.relocate(8, 8);
        placeLinks();
    }

    /** Node i of n sits at this angle on the ring, the first at the top, clockwise. */
    private static double angle(int i, int n) {
        return -Math.PI / 2 + 2 * Math.PI * i / n;
    }

    private void placeLinks() {
        List<Integer> ids = model.ids();
        int k = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Point2D a = centreOf(ids.get(i));
                Point2D b = centreOf(ids.get(j));
                Line l = links.get(k++);
                l.setStartX(a.getX());
                l.setStartY(a.getY());
                l.setEndX(b.getX());
                l.setEndY(b.getY());
            }
        }
    }

    private Point2D centreOf(int id) {
        NodeGlyph g = glyphs.get(id);
        return new Point2D(g.getLayoutX() + g.getWidth() / 2, g.getLayoutY() + g.bodyCentreY());
    }

    private void drawMarkers(long now) {
        List<Flight> flights = model.flights().newest(MAX_MARKERS);
        while (markers.size() < flights.size()) {
            MessageMarker m = new MessageMarker();
            m.setOnMouseClicked(e -> {
                if (m.flight() != null) {
                    showDetails(m.flight().fields());
                }
                e.consume();
            });
            markers.add(m);
            markerLayer.getChildren().add(m);
        }
        for (int i = 0; i < markers.size(); i++) {
            MessageMarker m = markers.get(i);
            if (i >= flights.size()) {
                if (m.isVisible()) {
                    m.setVisible(false);
                    m.release();
                }
                continue;
            }
            Flight f = flights.get(i);
            if (!glyphs.containsKey(f.from()) || !glyphs.containsKey(f.to())) {
                m.setVisible(false);
                continue;
            }
            m.assign(f);
            m.setVisible(true);
            place(m, f, now);
        }
        int hidden = model.flights().size() - flights.size();
        overflow.setText(hidden > 0 ? "+" + hidden + " more messages in flight" : "");
        overflow.autosize();
    }

    private void place(MessageMarker m, Flight f, long now) {
        Point2D a = centreOf(f.from());
        Point2D b = centreOf(f.to());
        double dx = b.getX() - a.getX();
        double dy = b.getY() - a.getY();
        double len = Math.max(1, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        // Start and end at the edge of the node, keep to the right-hand lane.
        double travel = Math.max(0, len - 2 * NodeGlyph.EDGE_RADIUS);
        double along = NodeGlyph.EDGE_RADIUS + travel * f.progress(now);
        double x = a.getX() + ux * along - uy * LANE_OFFSET;
        double y = a.getY() + uy * along + ux * LANE_OFFSET;
        m.autosize();
        m.relocate(x, y);
    }

    private ContextMenu menu(int id, NodeActions actions) {
        MenuItem crash = new MenuItem("Crash node " + id);
        crash.setId("menu-crash-" + id);
        crash.setOnAction(e -> actions.crash(id));
        MenuItem revive = new MenuItem("Revive node " + id);
        revive.setId("menu-revive-" + id);
        revive.setOnAction(e -> actions.revive(id));
        MenuItem pick = new MenuItem("Use node " + id + " for Credit, Debit and Query");
        pick.setOnAction(e -> actions.pick(id));
        ContextMenu menu = new ContextMenu(crash, revive, pick);
        menu.setOnShowing(e -> {
            NodeModel n = model.node(id);
            crash.setDisable(!n.isUp());
            revive.setDisable(n.isUp());
        });
        return menu;
    }
}
