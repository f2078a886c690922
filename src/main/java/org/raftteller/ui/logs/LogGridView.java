package org.raftteller.ui.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.raftteller.bank.Money;
import org.raftteller.cluster.NodeView;
import org.raftteller.raft.FollowerProgress;
import org.raftteller.raft.RaftStatus;
import org.raftteller.ui.Styles;
import org.raftteller.ui.model.ClusterViewModel;
import org.raftteller.ui.model.NodeModel;

/**
 * The logs of all nodes as a grid: one row per node, one column per log index. A cell shows the
 * entry's term (as a colour and a number) and its command; committed entries are solid, the rest
 * dashed; the leader's nextIndex and matchIndex for each follower mark that follower's row. Each
 * row starts with the node's balance, commit index and last applied index.
 *
 * <p>Only the columns that fit are built, and reused as the grid scrolls, so a log of a hundred
 * thousand entries costs no more to draw than one of ten. It follows the newest entries until
 * the user scrolls back.
 */
public final class LogGridView extends Region {

    static final double HEADER_WIDTH = 200;
    static final double CELL_WIDTH = 80;
    static final double CELL_GAP = 4;
    static final double HEADER_ROW = 26;
    static final int TERM_COLOURS = 6;

    /** The key under which a cell keeps the log index it shows, in its properties. */
    public static final String INDEX_KEY = "log-index";
    /** The grid redraws at most this often; the model still takes every event each frame. */
    static final long REDRAW_NANOS = 50_000_000;

    private static final PseudoClass COMMITTED = PseudoClass.getPseudoClass("committed");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    private static final PseudoClass NEXT = PseudoClass.getPseudoClass("next");
    private static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    private static final PseudoClass CRASHED = PseudoClass.getPseudoClass("crashed");
    private static final PseudoClass LEADER = PseudoClass.getPseudoClass("leader");
    private static final PseudoClass[] TERMS = new PseudoClass[TERM_COLOURS];

    static {
        for (int i = 0; i < TERM_COLOURS; i++) {
            TERMS[i] = PseudoClass.getPseudoClass("term-" + i);
        }
    }

    private final ClusterViewModel model;
    private final List<Integer> ids;
    private final List<Row> rows = new ArrayList<>();
    private final List<Label> indexLabels = new ArrayList<>();
    private final Label corner = new Label("log index \u2192");
    private final ScrollBar scroll = new ScrollBar();
    private final ToggleButton follow = new ToggleButton("Follow newest");
    private final HBox footer;
    private int columns;
    private long firstIndex = 1;
    private long drawnStamp = -1;
    private long drawnAt;
    private boolean updatingScroll;

    /** One node's row: its header and its cells. */
    private static final class Row {
        final int node;
        final VBox header = new VBox();
        final Label name = new Label();
        final Label balance = new Label();
        final Label indexes = new Label();
        final List<Label> cells = new ArrayList<>();

        Row(int node) {
            this.node = node;
        }
    }

    public LogGridView(ClusterViewModel model) {
        this.model = model;
        this.ids = model.ids();
        setId("log-grid");
        getStyleClass().add(Styles.LOG_GRID);

        corner.getStyleClass().add("log-corner");
        getChildren().add(corner);
        for (int id : ids) {
            Row r = new Row(id);
            r.header.setId("log-row-" + id);
            r.header.getStyleClass().add("log-row-header");
            r.name.setText("Node " + id);
            r.name.getStyleClass().add("log-row-name");
            r.balance.setId("node-" + id + "-balance");
            r.balance.getStyleClass().add("log-row-balance");
            r.indexes.setId("node-" + id + "-indexes");
            r.indexes.getStyleClass().add("log-row-indexes");
            HBox top = new HBox(r.name, r.balance);
            top.getStyleClass().add("log-row-top");
            r.header.getChildren().addAll(top, r.indexes);
            rows.add(r);
            getChildren().add(r.header);
        }

        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setId("log-scroll");
        scroll.setMin(1);
        scroll.setUnitIncrement(1);
        scroll.setBlockIncrement(8);
        scroll.valueProperty().addListener((o, a, b) -> {
            if (!updatingScroll) {
                follow.setSelected(Math.round(b.doubleValue()) >= (long) scroll.getMax());
                drawnStamp = -1;
            }
        });
        follow.setId("log-follow");
        follow.setSelected(true);
        follow.selectedProperty().addListener((o, a, b) -> drawnStamp = -1);
        footer = new HBox(scroll, follow);
        footer.getStyleClass().add("log-footer");
        HBox.setHgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        scroll.setMaxWidth(Double.MAX_VALUE);
        getChildren().add(footer);

        setOnScroll(e -> {
            double delta = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(),
                    scroll.getValue() - Math.signum(delta) * 3)));
            e.consume();
        });
    }

    /** Whether the grid keeps the newest entries in view. */
    public ToggleButton followButton() {
        return follow;
    }

    /** The first log index in view. */
    public long firstIndex() {
        return firstIndex;
    }

    /**
     * Redraws the cells if anything changed, at most every {@link #REDRAW_NANOS}; called once per
     * frame. Under a flood of entries this keeps the grid's cost per second fixed.
     */
    public void frame(long nowNanos) {
        long stamp = model.logs().version() * 31 + model.eventsApplied();
        if (stamp == drawnStamp || columns == 0) {
            return;
        }
        boolean scrolled = drawnStamp == -1;
        if (!scrolled && nowNanos - drawnAt < REDRAW_NANOS) {
            return;
        }
        drawnStamp = stamp;
        drawnAt = nowNanos;
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return HEADER_ROW + ids.size() * (rowHeight() + CELL_GAP) + footer.prefHeight(-1) + 8;
    }

    @Override
    protected double computePrefWidth(double height) {
        return HEADER_WIDTH + 10 * CELL_WIDTH;
    }

    private double rowHeight() {
        return 44;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        int fit = (int) Math.max(1, Math.floor((w - HEADER_WIDTH) / CELL_WIDTH));
        if (fit != columns) {
            rebuildColumns(fit);
        }
        double rowH = rowHeight();
        corner.resizeRelocate(0, 0, HEADER_WIDTH - CELL_GAP, HEADER_ROW);
        for (int c = 0; c < columns; c++) {
            indexLabels.get(c).resizeRelocate(HEADER_WIDTH + c * CELL_WIDTH, 0,
                    CELL_WIDTH - CELL_GAP, HEADER_ROW);
        }
        double y = HEADER_ROW;
        for (Row r : rows) {
            r.header.resizeRelocate(0, y, HEADER_WIDTH - CELL_GAP, rowH);
            for (int c = 0; c < columns; c++) {
                r.cells.get(c).resizeRelocate(HEADER_WIDTH + c * CELL_WIDTH, y,
                        CELL_WIDTH - CELL_GAP, rowH);
            }
            y += rowH + CELL_GAP;
        }
        double fh = footer.prefHeight(w);
        footer.resizeRelocate(0, y + 4, w, fh);
    }

    private void rebuildColumns(int fit) {
        for (Row r : rows) {
            getChildren().removeAll(r.cells);
            r.cells.clear();
        }
        getChildren().removeAll(indexLabels);
        indexLabels.clear();
        columns = fit;
        for (int c = 0; c < columns; c++) {
            Label idx = new Label();
            idx.getStyleClass().add("log-index");
            indexLabels.add(idx);
            getChildren().add(idx);
        }
        for (Row r : rows) {
            for (int c = 0; c < columns; c++) {
                Label cell = new Label();
                cell.getStyleClass().add("log-cell");
                cell.setMinSize(0, 0);
                r.cells.add(cell);
                getChildren().add(cell);
            }
        }
        drawnStamp = -1;
    }

    private void redraw() {
        long last = model.logs().lastIndex();
        // One empty column past the end shows where the next entry will go.
        long maxFirst = Math.max(1, last + 2 - columns);
        updatingScroll = true;
        scroll.setMax(maxFirst);
        scroll.setVisibleAmount(Math.max(1, columns * maxFirst / (double) Math.max(1, last + 1)));
        if (follow.isSelected()) {
            scroll.setValue(maxFirst);
        }
        updatingScroll = false;
        firstIndex = Math.max(1, Math.min(maxFirst, Math.round(scroll.getValue())));

        for (int c = 0; c < columns; c++) {
            indexLabels.get(c).setText(Long.toString(firstIndex + c));
        }
        RaftStatus leader = leaderStatus();
        for (Row r : rows) {
            drawRow(r, leader);
        }
    }

    private RaftStatus leaderStatus() {
        int lead = model.leaderProperty().get();
        return lead == 0 ? null : model.node(lead).raft();
    }

    private void drawRow(Row r, RaftStatus leader) {
        NodeModel n = model.node(r.node);
        NodeView view = n.view();
        RaftStatus status = view == null ? null : view.raft();
        long commit = status == null ? 0 : status.commitIndex();
        boolean crashed = !n.isUp();
        boolean leads = leader != null && leader.id() == r.node && !crashed;

        r.header.pseudoClassStateChanged(CRASHED, crashed);
        r.header.pseudoClassStateChanged(LEADER, leads);
        r.name.setText("Node " + r.node + (crashed ? " down" : ""));
        r.balance.setText(view == null ? "\u2013" : Money.format(view.balance()));
        r.indexes.setText("commit " + commit + " \u00b7 applied "
                + (view == null ? 0 : view.lastApplied()));

        FollowerProgress progress = null;
        if (leader != null) {
            Map<Integer, FollowerProgress> followers = leader.followers();
            progress = followers.get(r.node);
        }
        for (int c = 0; c < columns; c++) {
            long index = firstIndex + c;
            Label cell = r.cells.get(c);
            // Not an id: changing a node's id makes JavaFX match all of its CSS again.
            cell.getProperties().put(INDEX_KEY, index);
            LogModel.Cell e = model.logs().cell(r.node, index);
            boolean next = progress != null && progress.nextIndex() == index;
            boolean match = progress != null && progress.matchIndex() == index && index > 0;
            cell.pseudoClassStateChanged(NEXT, next);
            cell.pseudoClassStateChanged(MATCH, match);
            cell.pseudoClassStateChanged(CRASHED, crashed);
            cell.pseudoClassStateChanged(EMPTY, e == null);
            cell.pseudoClassStateChanged(COMMITTED, e != null && index <= commit);
            int colour = e == null ? -1 : (int) (e.term() % TERM_COLOURS);
            for (int t = 0; t < TERM_COLOURS; t++) {
                cell.pseudoClassStateChanged(TERMS[t], t == colour);
            }
            String tag = (next ? "next" : "") + (next && match ? "/" : "") + (match ? "match" : "");
            String text = e == null ? tag : "t" + e.term() + (tag.isEmpty() ? "" : " " + tag)
                    + "\n" + e.text();
            if (!text.equals(cell.getText())) {
                cell.setText(text);
            }
        }
    }
}
