package org.raftteller.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.raftteller.cluster.Tempo;
import org.raftteller.ui.ring.NodeGlyph;

/** The window itself: its parts are there, themed, and legible on a projector. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    // The palette's -color-bg and -color-fg, as set on .root in styles/raft-teller.css.
    private static final Color PALETTE_BG = Color.web("#fafaf7");
    private static final Color PALETTE_FG = Color.web("#111111");

    private AppWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = AppWindow.open(stage, Tempo.REAL);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void windowShowsTheProductName(FxRobot robot) {
        Label productName = robot.lookup("." + Styles.PRODUCT_NAME).queryAs(Label.class);

        assertThat(window.stage().getTitle()).isEqualTo("Raft Teller");
        assertThat(productName.getText()).isEqualTo("Raft Teller");
        assertThat(productName.isVisible()).isTrue();
    }

    @Test
    void ringShowsFiveNodesAndTheGridFiveRows(FxRobot robot) {
        assertThat(robot.lookup("." + Styles.NODE_GLYPH).match(n -> n instanceof NodeGlyph)
                .queryAll()).hasSize(5);
        for (int id = 1; id <= 5; id++) {
            assertThat(robot.lookup("#log-row-" + id).tryQuery()).isPresent();
            assertThat(robot.lookup("#node-" + id + "-balance").tryQuery()).isPresent();
        }
        assertThat(robot.lookup("#legend").tryQuery()).isPresent();
        assertThat(robot.lookup("#feed-list").tryQuery()).isPresent();
    }

    @Test
    void clickingANodeShowsItsFieldsAndPicksIt(FxRobot robot) {
        window.awaitOneLeaderShownByAll();

        robot.clickOn("#node-4");

        Label details = robot.lookup("#details").queryAs(Label.class);
        assertThat(details.isVisible()).isTrue();
        assertThat(details.getText()).startsWith("Node 4: ").contains("currentTerm: ")
                .contains("commitIndex: ");
        assertThat(window.controller().controls().selectedNodeProperty().get()).isEqualTo(4);
    }

    @Test
    void themeStylesheetIsAppliedAndItsLookedUpColoursResolve(FxRobot robot) {
        Label productName = robot.lookup("." + Styles.PRODUCT_NAME).queryAs(Label.class);
        Region topBar = robot.lookup("." + Styles.TOP_BAR).queryAs(Region.class);

        assertThat(window.stage().getScene().getStylesheets())
                .anySatisfy(url -> assertThat(url).endsWith("/styles/raft-teller.css"));
        // Both come from looked-up colours: without the stylesheet, or with a lookup that fails
        // to resolve, the name would be modena's dark grey and the bar would have no background.
        assertThat(productName.getTextFill()).isEqualTo(PALETTE_BG);
        assertThat(topBar.getBackground().getFills())
                .first()
                .satisfies(fill -> assertThat(fill.getFill()).isEqualTo(PALETTE_FG));
    }

    @Test
    void textIsLargeEnoughForAProjector(FxRobot robot) {
        Label productName = robot.lookup("." + Styles.PRODUCT_NAME).queryAs(Label.class);
        Label statusBar = robot.lookup("#statusBar").queryAs(Label.class);
        Label nodeId = robot.lookup(".node-id").queryAs(Label.class);

        assertThat(productName.getFont().getSize()).isGreaterThanOrEqualTo(32);
        assertThat(statusBar.getFont().getSize()).isGreaterThanOrEqualTo(18);
        assertThat(nodeId.getFont().getSize()).isGreaterThanOrEqualTo(32);
    }
}
