package org.raftteller.ui.ring;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import org.raftteller.raft.Message;
import org.raftteller.ui.Styles;

/**
 * A message drawn in flight. Its shape and colour come from the stylesheet: a pseudo-class says
 * the kind ({@code :append-entries}, {@code :heartbeat}, {@code :request-vote}, {@code :pre-vote},
 * {@code :forward}), others say reply or request and, for a reply, success or refusal. The text
 * inside is the number of entries carried, or a tick or cross on a reply.
 *
 * <p>Markers are pooled and reused for message after message, so the kind is a pseudo-class and
 * the marker has no per-message id: changing a style class or an id makes JavaFX match all the
 * CSS again, while a pseudo-class only switches between styles already matched.
 */
public final class MessageMarker extends Label {

    public static final PseudoClass REPLY = PseudoClass.getPseudoClass("reply");
    public static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private final Tooltip tooltip = new Tooltip();
    private PseudoClass kind;
    private Flight flight;

    public MessageMarker() {
        getStyleClass().add(Styles.MESSAGE);
        // Placed by its centre: its size comes from CSS, which may be applied a frame later.
        translateXProperty().bind(widthProperty().divide(-2));
        translateYProperty().bind(heightProperty().divide(-2));
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.getStyleClass().add("details-tooltip");
        setTooltip(tooltip);
    }

    /** A marker standing for one kind of message, as the legend shows it. */
    public static MessageMarker sample(MessageKind kind, boolean refused) {
        MessageMarker m = new MessageMarker();
        m.setTooltip(null);
        m.show(kind, refused, kind == MessageKind.APPEND_ENTRIES ? 2 : 0);
        return m;
    }

    public Flight flight() {
        return flight;
    }

    /** Makes this marker stand for {@code f}; cheap when it already does. */
    void assign(Flight f) {
        if (flight != null && flight.traceId() == f.traceId()) {
            return;
        }
        flight = f;
        Message m = f.message();
        int entries = m instanceof Message.AppendRequest
                ? ((Message.AppendRequest) m).entries().size() : 0;
        show(f.kind(), f.refused(), entries);
        tooltip.setText(f.fields());
    }

    void release() {
        flight = null;
    }

    private void show(MessageKind k, boolean refused, int entries) {
        PseudoClass wanted = k.pseudoClass();
        if (wanted != kind) {
            if (kind != null) {
                pseudoClassStateChanged(kind, false);
            }
            pseudoClassStateChanged(wanted, true);
            kind = wanted;
        }
        pseudoClassStateChanged(REPLY, k.isReply());
        pseudoClassStateChanged(REFUSED, refused);
        if (k.isReply()) {
            setText(refused ? "\u2717" : "\u2713");
        } else if (k == MessageKind.APPEND_ENTRIES) {
            setText(Integer.toString(entries));
        } else {
            setText("");
        }
    }
}
