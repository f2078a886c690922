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

    private Styles() {
    }
}
