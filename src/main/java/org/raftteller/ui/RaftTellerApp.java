package org.raftteller.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.raftteller.cluster.LocalCluster;
import org.raftteller.cluster.Tempo;

/**
 * The Raft Teller window: the main view from {@code /fxml/main.fxml}, themed by
 * {@code /styles/raft-teller.css}, driving five real nodes started in this process. Closing the
 * window stops the nodes.
 *
 * <p>Options, as {@code --name=value} parameters or {@code raft.name} system properties:
 * {@code tempo} (Classroom, Real or Slow motion; Classroom by default) and {@code data} (a data
 * directory kept after the window closes; a temporary one by default).
 *
 * <p>The jar's entry point is {@code org.raftteller.cli.Main}, not this class: a main class that
 * extends {@link Application} fails with "JavaFX runtime components are missing" when JavaFX is on
 * the class path, so the launcher calls {@link #launchGui(String...)} instead.
 */
public final class RaftTellerApp extends Application {

    public static final String TITLE = "Raft Teller";

    static final String MAIN_VIEW = "/fxml/main.fxml";
    static final String STYLESHEET = "/styles/raft-teller.css";

    // Sized for a 1280x800 projector; the minimum keeps the ring and the bars legible.
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 800;
    private static final double MIN_WIDTH = 1024;
    private static final double MIN_HEIGHT = 700;

    private final LocalCluster.Options injected;
    private MainController controller;

    /** Starts JavaFX and opens the window; returns when the window is closed. */
    public static void launchGui(String... args) {
        Application.launch(RaftTellerApp.class, args);
    }

    public RaftTellerApp() {
        this(null);
    }

    /** A window on a cluster started with {@code options}; tests pass the Real tempo here. */
    public RaftTellerApp(LocalCluster.Options options) {
        this.injected = options;
    }

    @Override
    public void start(Stage stage) throws IOException {
        LocalCluster.Options options = injected != null ? injected : optionsFromCommandLine();
        FXMLLoader loader = new FXMLLoader(resource(MAIN_VIEW));
        controller = new MainController(new ClusterSession(options));
        loader.setController(controller);
        Parent root = loader.load();

        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(resource(STYLESHEET).toExternalForm());
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setOnHidden(e -> controller.shutdown());
        stage.show();
        controller.start(scene);
        if (injected == null) {
            // Ctrl+C or a kill in the terminal skips stop(); the nodes and their temporary data
            // directory still go.
            Runtime.getRuntime().addShutdownHook(new Thread(this::closeOnExit, "raft-teller-exit"));
        }
    }

    private void closeOnExit() {
        try {
            controller.shutdown().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Exiting anyway; the operating system reclaims the rest.
        }
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }

    /** The window's controller, once started; for tests and tools. */
    public MainController controller() {
        return controller;
    }

    private LocalCluster.Options optionsFromCommandLine() {
        Map<String, String> named = getParameters() == null ? Map.of() : getParameters().getNamed();
        LocalCluster.Options options = LocalCluster.Options.defaults();
        String tempo = named.getOrDefault("tempo", System.getProperty("raft.tempo"));
        if (tempo != null) {
            options = options.withTempo(tempo(tempo));
        }
        String data = named.getOrDefault("data", System.getProperty("raft.data"));
        if (data != null) {
            options = options.withDataDir(Path.of(data));
        }
        return options;
    }

    static Tempo tempo(String name) {
        String wanted = name.replace(" ", "").replace("-", "").replace("_", "")
                .toLowerCase(Locale.ROOT);
        for (Tempo t : Tempo.values()) {
            if (t.label().replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tempo \"" + name
                + "\"; choose Real, Classroom or Slow motion");
    }

    private static URL resource(String path) {
        URL url = RaftTellerApp.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("resource " + path + " is not on the class path");
        }
        return url;
    }
}
