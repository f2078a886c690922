package org.raftteller.ui;

/**
 * Style-class names that Java code refers to. They match the names used in the FXML views and in
 * {@code styles/raft-teller.css}; rename them in all three places together.
 */
public final class Styles {

    /** The dark bar across the top of the window. */
    public static final String TOP_BAR = "top-bar";

    /** The product name in the top bar. */
    public static final String PRODUCT_NAME = "product-name";

    /** The ring of nodes and the messages between them. */
    public static final String RING = "ring";

    /** One node of the ring; its role is a pseudo-class: :leader, :candidate, :crashed. */
    public static final String NODE_GLYPH = "node-glyph";

    /** A message in flight; its kind is a second style class, e.g. {@code heartbeat}. */
    public static final String MESSAGE = "message";

    /** The grid of the nodes' logs. */
    public static final String LOG_GRID = "log-grid";

    /** The event feed. */
    public static final String FEED = "feed";

    /** What every colour and shape means. */
    public static final String LEGEND = "legend";

    /** The help overlay listing the keyboard shortcuts. */
    public static final String HELP_OVERLAY = "help-overlay";

    private Styles() {
    }
}
