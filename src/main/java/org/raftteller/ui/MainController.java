package org.raftteller.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/**
 * Controller of {@code main.fxml}. It stays thin: it only wires the view; the state shown will
 * come from view models, one per feature (the ring, the logs, the feed, the controls).
 */
public final class MainController {

    static final String NO_CLUSTER_YET = "No cluster is running.";

    /** Where the five-node ring will be drawn; empty for now. */
    @FXML
    private Pane clusterStage;

    @FXML
    private Label statusBar;

    @FXML
    private void initialize() {
        statusBar.setText(NO_CLUSTER_YET);
    }
}
