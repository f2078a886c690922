package org.raftteller.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import org.raftteller.cluster.Tempo;
import org.raftteller.ui.controls.ControlsViewModel;
import org.raftteller.ui.controls.KeyboardShortcuts;
import org.raftteller.ui.controls.Shortcut;
import org.raftteller.ui.feed.FeedView;
import org.raftteller.ui.legend.LegendView;
import org.raftteller.ui.logs.LogGridView;
import org.raftteller.ui.model.ClusterViewModel;
import org.raftteller.ui.pump.EventPump;
import org.raftteller.ui.ring.RingView;

/**
 * Controller of {@code main.fxml}. It stays thin: it builds the view models and the views, binds
 * the FXML controls to the view models and forwards button presses to their command methods.
 * The cluster's events reach the view models only through the {@link EventPump}.
 */
public final class MainController {

    static final String STARTING = "Starting five Raft nodes\u2026";
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");

    private final ClusterSession session;
    private final ClusterViewModel model;
    private final ControlsViewModel controls;
    private final EventPump pump;
    private CompletableFuture<Void> closed;

    @FXML private StackPane root;
    @FXML private ChoiceBox<Tempo> tempoChoice;
    @FXML private Button pauseButton;
    @FXML private StackPane ringArea;
    @FXML private HBox nodePicker;
    @FXML private TextField amountField;
    @FXML private Label amountError;
    @FXML private Label resultText;
    @FXML private Button killLeaderButton;
    @FXML private TabPane sideTabs;
    @FXML private Tab feedTab;
    @FXML private Tab legendTab;
    @FXML private StackPane logArea;
    @FXML private Label statusBar;
    @FXML private StackPane helpOverlay;
    @FXML private GridPane helpGrid;

    private RingView ring;
    private LogGridView logGrid;

    public MainController(ClusterSession session) {
        this.session = session;
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= session.options().size(); i++) {
            ids.add(i);
        }
        this.model = new ClusterViewModel(ids, session.options().tempo());
        this.controls = new ControlsViewModel(session, model);
        this.pump = new EventPump(model::apply);
    }

    @FXML
    private void initialize() {
        ring = new RingView(model, new RingView.NodeActions() {
            @Override
            public void crash(int node) {
                controls.selectNode(node);
                controls.crashSelected();
            }

            @Override
            public void revive(int node) {
                controls.selectNode(node);
                controls.reviveSelected();
            }

            @Override
            public void pick(int node) {
                controls.selectNode(node);
            }
        });
        ringArea.getChildren().add(ring);
        logGrid = new LogGridView(model);
        logArea.getChildren().add(logGrid);
        feedTab.setContent(new FeedView(model.feed(), model.ids()));
        ScrollPane legend = new ScrollPane(new LegendView());
        legend.setFitToWidth(true);
        legendTab.setContent(legend);

        bindControls();
        fillHelp();
        pump.addFrameListener(now -> {
            long clusterNanos = model.clock().at(now);
            ring.frame(clusterNanos, model.tempoProperty().get().tickMillis());
            logGrid.frame(now);
        });
    }

    private void bindControls() {
        ToggleGroup group = new ToggleGroup();
        for (int id : model.ids()) {
            ToggleButton b = new ToggleButton(Integer.toString(id));
            b.setId("pick-" + id);
            b.setToggleGroup(group);
            b.setUserData(id);
            b.setFocusTraversable(false);
            nodePicker.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one node is always picked
            } else {
                controls.selectNode((Integer) b.getUserData());
            }
        });
        controls.selectedNodeProperty().addListener((o, a, b) -> showPicked(group, b.intValue()));
        showPicked(group, controls.selectedNodeProperty().get());

        amountField.textProperty().bindBidirectional(controls.amountTextProperty());
        amountError.textProperty().bind(controls.amountErrorProperty());
        amountError.visibleProperty().bind(amountError.textProperty().isNotEmpty());
        amountError.managedProperty().bind(amountError.visibleProperty());
        controls.amountErrorProperty().addListener((o, a, b) ->
                amountField.pseudoClassStateChanged(INVALID, !b.isEmpty()));
        resultText.textProperty().bind(controls.resultProperty());
        controls.resultFailedProperty().addListener((o, a, b) ->
                resultText.pseudoClassStateChanged(FAILED, b));

        tempoChoice.setItems(FXCollections.observableArrayList(
                Tempo.CLASSROOM, Tempo.REAL, Tempo.SLOW_MOTION));
        tempoChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Tempo t) {
                return t == null ? "" : t.label();
            }

            @Override
            public Tempo fromString(String s) {
                return null;
            }
        });
        tempoChoice.setValue(controls.tempoProperty().get());
        tempoChoice.valueProperty().addListener((o, a, b) -> controls.chooseTempo(b));
        controls.tempoProperty().addListener((o, a, b) -> tempoChoice.setValue(b));
        controls.pausedProperty().addListener((o, a, b) -> {
            pauseButton.setText(b ? "Resume" : "Pause");
            pauseButton.pseudoClassStateChanged(PAUSED, b);
            root.pseudoClassStateChanged(PAUSED, b);
        });
    }

    private void showPicked(ToggleGroup group, int id) {
        group.getToggles().forEach(t -> t.setSelected(((Integer) t.getUserData()) == id));
        ring.select(id);
    }

    private void fillHelp() {
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("help-keys");
            keys.setMinWidth(Region.USE_PREF_SIZE);
            Label action = new Label(s.action());
            action.getStyleClass().add("help-action");
            action.setMinWidth(Region.USE_PREF_SIZE);
            helpGrid.addRow(row++, keys, action);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Installs the keyboard shortcuts, starts the frame pump and then the nodes. */
    public void start(Scene scene) {
        new KeyboardShortcuts(controls, this::toggleHelp, helpOverlay.visibleProperty(),
                this::switchSideTab, amountField, tempoChoice).install(scene);
        statusBar.textProperty().unbind();
        statusBar.setText(STARTING);
        pump.start();
        session.start(pump.listener()).whenComplete((v, error) -> Platform.runLater(() -> {
            statusBar.textProperty().bind(model.statusProperty());
            if (error != null) {
                statusBar.textProperty().unbind();
                String why = error.getCause() != null ? error.getCause().getMessage()
                        : error.getMessage();
                statusBar.setText("The nodes could not start: " + why);
                model.stopped("Not running");
            }
        }));
    }

    /**
     * Stops drawing and closes the cluster; the future completes when no node runs any more.
     * Safe to call more than once.
     */
    public synchronized CompletableFuture<Void> shutdown() {
        if (closed == null) {
            // The exit hook calls this off the JavaFX thread, when there is nothing left to draw.
            if (Platform.isFxApplicationThread()) {
                pump.stop();
            }
            closed = session.close();
        }
        return closed;
    }

    // ---------------------------------------------------------------- buttons

    @FXML
    private void credit() {
        controls.credit();
    }

    @FXML
    private void debit() {
        controls.debit();
    }

    @FXML
    private void query() {
        controls.query();
    }

    @FXML
    private void crash() {
        controls.crashSelected();
    }

    @FXML
    private void revive() {
        controls.reviveSelected();
    }

    @FXML
    private void killLeader() {
        controls.killLeader();
    }

    @FXML
    private void togglePause() {
        controls.togglePause();
    }

    @FXML
    private void toggleHelp() {
        helpOverlay.setVisible(!helpOverlay.isVisible());
        if (helpOverlay.isVisible()) {
            helpOverlay.toFront();
            helpOverlay.requestFocus();
        }
    }

    private void switchSideTab() {
        sideTabs.getSelectionModel().select(
                sideTabs.getSelectionModel().getSelectedItem() == feedTab ? legendTab : feedTab);
    }

    // ---------------------------------------------------------------- for tests and tools

    public ClusterViewModel model() {
        return model;
    }

    public ControlsViewModel controls() {
        return controls;
    }

    public EventPump pump() {
        return pump;
    }

    public RingView ring() {
        return ring;
    }

    public LogGridView logGrid() {
        return logGrid;
    }

    public ClusterSession session() {
        return session;
    }
}
