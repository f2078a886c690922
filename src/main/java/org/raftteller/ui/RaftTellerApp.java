package org.raftteller.ui;

import java.io.IOException;
import java.net.URL;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Raft Teller window: the main view from {@code /fxml/main.fxml}, themed by
 * {@code /styles/raft-teller.css}.
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
    private static final double MIN_WIDTH = 960;
    private static final double MIN_HEIGHT = 600;

    /** Starts JavaFX and opens the window; returns when the window is closed. */
    public static void launchGui(String... args) {
        Application.launch(RaftTellerApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        stage.setTitle(TITLE);
        stage.setScene(createMainScene());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.show();
    }

    static Scene createMainScene() throws IOException {
        Parent root = FXMLLoader.load(resource(MAIN_VIEW));

        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(resource(STYLESHEET).toExternalForm());
        return scene;
    }

    private static URL resource(String path) {
        URL url = RaftTellerApp.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("resource " + path + " is not on the class path");
        }
        return url;
    }
}
