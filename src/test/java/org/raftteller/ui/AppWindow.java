package org.raftteller.ui;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
import org.testfx.api.FxRobot;

import org.raftteller.cluster.LocalCluster;
import org.raftteller.cluster.Tempo;
import org.raftteller.raft.RaftStatus;
import org.raftteller.ui.feed.FeedItem;
import org.raftteller.ui.model.ClusterViewModel;

/**
 * The real window on a fresh cluster, as the UI tests drive it: through its buttons and fields,
 * and reading what it shows, always on the JavaFX thread.
 */
final class AppWindow {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final RaftTellerApp app;
    private final Stage stage;
    private final FxRobot robot = new FxRobot();

    private AppWindow(RaftTellerApp app, Stage stage) {
        this.app = app;
        this.stage = stage;
    }

    /** Opens the window on {@code stage}, on a cluster at {@code tempo}; on the JavaFX thread. */
    static AppWindow open(Stage stage, Tempo tempo) throws Exception {
        // Without fsync: the tests never kill the process, so the page cache is as good as the
        // disk here, and on a busy two-core machine syncs would dominate every test.
        RaftTellerApp app = new RaftTellerApp(LocalCluster.Options.defaults().withTempo(tempo)
                .withFsync(false));
        app.start(stage);
        return new AppWindow(app, stage);
    }

    MainController controller() {
        return app.controller();
    }

    ClusterViewModel model() {
        return app.controller().model();
    }

    Stage stage() {
        return stage;
    }

    FxRobot robot() {
        return robot;
    }

    /** Closes the window as a user would, and waits until no node runs. */
    void close() throws Exception {
        Fx.run(stage::close);
        controller().shutdown().get(20, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- what the window shows

    String text(String id) {
        return Fx.get(() -> {
            Node n = stage.getScene().lookup("#" + id);
            return n instanceof Labeled ? ((Labeled) n).getText() : null;
        });
    }

    String role(int node) {
        return text("node-" + node + "-role");
    }

    String leaderLine(int node) {
        return text("node-" + node + "-leader");
    }

    String balance(int node) {
        return text("node-" + node + "-balance");
    }

    String result() {
        return text("resultText");
    }

    List<Integer> ids() {
        return model().ids();
    }

    /** The nodes whose glyph says "leader". */
    List<Integer> shownLeaders() {
        return ids().stream().filter(i -> "leader".equals(role(i))).collect(Collectors.toList());
    }

    /**
     * Waits until exactly one node shows itself as leader, every other running node shows it as
     * its leader and the status bar names it too; returns it.
     */
    int awaitOneLeaderShownByAll() {
        AtomicInteger leader = new AtomicInteger();
        await().atMost(PATIENCE).until(() -> {
            leader.set(Fx.get(() -> {
                int shown = leaderShownByAll();
                boolean inStatus = text("statusBar").startsWith("Leader: node " + shown + " ");
                return inStatus ? shown : 0;
            }));
            return leader.get() != 0;
        });
        return leader.get();
    }

    /** The one node shown as leader if every running node shows it so, otherwise 0. */
    private int leaderShownByAll() {
        List<Integer> leaders = shownLeaders();
        if (leaders.size() != 1) {
            return 0;
        }
        int leader = leaders.get(0);
        boolean all = ids().stream().filter(i -> i != leader && isUp(i))
                .allMatch(i -> ("leader node " + leader).equals(leaderLine(i)));
        return all ? leader : 0;
    }

    /**
     * Waits until {@code condition} holds; if it never does, fails with what the window shows,
     * so that a failure on a busy machine can be told from a bug.
     */
    void awaitShowing(Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the window never showed what was awaited; it shows\n"
                    + describe(), e);
        }
    }

    /** Every node's role, leader and balance, the last answer and the newest feed lines. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (int id : ids()) {
            s.append("node ").append(id).append(": ").append(role(id)).append(", ")
                    .append(leaderLine(id)).append(", ").append(text("node-" + id + "-term"))
                    .append(", balance ").append(balance(id)).append(", ")
                    .append(text("node-" + id + "-indexes")).append('\n');
        }
        s.append("status: ").append(text("statusBar")).append('\n');
        s.append("answer: ").append(result()).append('\n');
        List<String> feed = feed();
        feed.subList(Math.max(0, feed.size() - 15), feed.size())
                .forEach(line -> s.append("feed: ").append(line).append('\n'));
        return s.toString();
    }

    boolean isUp(int node) {
        return Fx.get(() -> model().node(node).isUp());
    }

    RaftStatus raft(int node) {
        return Fx.get(() -> model().node(node).raft());
    }

    long term(int node) {
        return Fx.get(() -> model().node(node).term());
    }

    int follower(int leader) {
        return ids().stream().filter(i -> i != leader && isUp(i)).findFirst().orElseThrow();
    }

    List<String> feed() {
        return Fx.get(() -> model().feed().history().stream().map(FeedItem::text)
                .collect(Collectors.toList()));
    }

    // ---------------------------------------------------------------- what the user does

    /** Presses the node's button in the picker. */
    void pick(int node) {
        press("pick-" + node);
    }

    /** Puts the amount into the amount field, as typing would. */
    void enterAmount(String amount) {
        Fx.run(() -> ((TextInputControl) stage.getScene().lookup("#amountField")).setText(amount));
    }

    /** Types the amount into the field key by key, through the robot. */
    void typeAmount(String amount) {
        robot.clickOn("#amountField");
        enterAmount("");
        robot.write(amount);
    }

    /** Presses a button: fires it on the JavaFX thread as a click would. */
    void press(String buttonId) {
        Fx.run(() -> ((ButtonBase) stage.getScene().lookup("#" + buttonId)).fire());
    }

    /** Clicks a button with the robot's mouse. */
    void click(String buttonId) {
        robot.clickOn("#" + buttonId);
    }

    /** Picks the node, types the amount and presses the button; waits for the answer. */
    String operate(int node, String amount, String buttonId) {
        pick(node);
        if (amount != null) {
            enterAmount(amount);
        }
        press(buttonId);
        await().atMost(PATIENCE).until(() -> !Fx.get(
                () -> controller().controls().pendingProperty().get()));
        return result();
    }
}
