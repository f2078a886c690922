package org.raftteller.ui;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.raftteller.cluster.Tempo;
import org.raftteller.ui.ring.MessageKind;

/**
 * Makes the README's screenshot: the real window at the Classroom tempo, mid-replication, with
 * AppendEntries on their way and entries not yet committed. Runs only when asked:
 * {@code mvn -o -q test -Dtest=ScreenshotTest -Draft.screenshot=docs/screenshot.png}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "raft.screenshot", matches = ".+")
class ScreenshotTest {

    private AppWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = AppWindow.open(stage, Tempo.CLASSROOM);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void screenshotOfTheWindowMidReplication() throws Exception {
        int leader = window.awaitOneLeaderShownByAll();
        int follower = window.follower(leader);
        window.operate(follower, "25.00", "creditButton");
        window.operate(leader, "7.50", "debitButton");

        window.pick(follower);
        window.typeAmount("12.50");
        window.press("creditButton");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() ->
                Fx.get(() -> window.model().flights().inFlight().stream().anyMatch(f ->
                        f.kind() == MessageKind.APPEND_ENTRIES
                                && f.progress(window.model().clock().now()) > 0.45)));

        NodeSnapshot.writePng(window.stage().getScene().getRoot(),
                Path.of(System.getProperty("raft.screenshot")));
    }
}
