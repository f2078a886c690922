package org.raftteller.ui.legend;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.raftteller.ui.Styles;
import org.raftteller.ui.ring.MessageKind;
import org.raftteller.ui.ring.MessageMarker;

/**
 * What every colour and shape means. The samples are built from the same style classes and
 * pseudo-classes as the real glyphs, markers and cells, so the legend cannot drift from them.
 */
public final class LegendView extends VBox {

    public LegendView() {
        setId("legend");
        getStyleClass().add(Styles.LEGEND);

        Label title = new Label("Legend");
        title.getStyleClass().add("panel-title");
        getChildren().addAll(title,
                section("Nodes",
                        role("follower", "follower"),
                        role("pre-candidate", "pre-candidate (asks for pre-votes)"),
                        role("candidate", "candidate"),
                        role("leader", "leader"),
                        role("crashed", "crashed"),
                        item(timer(), "ring = election timer left")),
                section("Messages",
                        message(MessageKind.HEARTBEAT, false, "heartbeat"),
                        message(MessageKind.APPEND_ENTRIES, false, "AppendEntries (n entries)"),
                        message(MessageKind.APPEND_REPLY, false, "append accepted"),
                        message(MessageKind.APPEND_REPLY, true, "append refused"),
                        message(MessageKind.PRE_VOTE, false, "PreVote"),
                        message(MessageKind.REQUEST_VOTE, false, "RequestVote"),
                        message(MessageKind.REQUEST_VOTE_REPLY, false, "vote granted"),
                        message(MessageKind.REQUEST_VOTE_REPLY, true, "vote refused"),
                        message(MessageKind.FORWARD, false, "client request forwarded")),
                section("Log",
                        cell("t3\n+1.00", "committed", "committed"),
                        cell("t3\n+1.00", null, "not yet committed"),
                        cell("next", "next", "leader's nextIndex"),
                        cell("t3 match\n+1.00", "match", "leader's matchIndex"),
                        terms()));
    }

    private static Node section(String name, Node... items) {
        Label heading = new Label(name);
        heading.getStyleClass().add("legend-heading");
        FlowPane flow = new FlowPane(items);
        flow.getStyleClass().add("legend-items");
        return new VBox(heading, flow);
    }

    private static Node item(Node sample, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("legend-text");
        HBox box = new HBox(sample, label);
        box.getStyleClass().add("legend-item");
        return box;
    }

    private static Node role(String pseudoClass, String text) {
        StackPane glyph = new StackPane();
        glyph.getStyleClass().addAll(Styles.NODE_GLYPH, "legend-glyph");
        glyph.pseudoClassStateChanged(PseudoClass.getPseudoClass(pseudoClass), true);
        Region shape = new Region();
        shape.getStyleClass().add("node-shape");
        glyph.getChildren().add(shape);
        return item(glyph, text);
    }

    private static Node timer() {
        Region ring = new Region();
        ring.getStyleClass().add("legend-timer");
        return ring;
    }

    private static Node message(MessageKind kind, boolean refused, String text) {
        return item(MessageMarker.sample(kind, refused), text);
    }

    private static Node cell(String content, String state, String text) {
        Label cell = new Label(content);
        cell.getStyleClass().addAll("log-cell", "legend-cell");
        cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("term-3"), !"next".equals(state));
        if (state != null) {
            cell.pseudoClassStateChanged(PseudoClass.getPseudoClass(state), true);
            if ("match".equals(state)) {
                cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("committed"), true);
            }
            if ("next".equals(state)) {
                cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("empty"), true);
            }
        }
        return item(cell, text);
    }

    private static Node terms() {
        HBox strip = new HBox();
        strip.getStyleClass().add("legend-terms");
        for (int t = 1; t <= 6; t++) {
            Label l = new Label(Integer.toString(t));
            l.getStyleClass().addAll("log-cell", "legend-term");
            l.pseudoClassStateChanged(PseudoClass.getPseudoClass("term-" + (t % 6)), true);
            l.pseudoClassStateChanged(PseudoClass.getPseudoClass("committed"), true);
            strip.getChildren().add(l);
        }
        return item(strip, "term colours");
    }
}
