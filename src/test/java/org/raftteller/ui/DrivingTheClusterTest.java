package org.raftteller.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.raftteller.cluster.Tempo;
import org.raftteller.raft.RaftStatus;

/**
 * The window on five real nodes at the Real tempo, driven through its buttons as a teacher would,
 * checked by what it shows. Each test gets a fresh cluster.
 */
@ExtendWith(ApplicationExtension.class)
class DrivingTheClusterTest {

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
    void exactlyOneLeaderAppearsAndTheOthersShowIt() {
        int leader = window.awaitOneLeaderShownByAll();

        assertThat(leader).isBetween(1, 5);
    }

    @Test
    void creditOnAFollowerShowsTheNewBalanceOnAllFiveNodes() {
        int leader = window.awaitOneLeaderShownByAll();
        int follower = window.follower(leader);

        String answer = window.operate(follower, "12.50", "creditButton");

        assertThat(answer).contains("balance is now 12.50")
                .contains("Served by node " + follower)
                .containsPattern("committed by leader node \\d");
        // Usually the leader seen before; on a starved machine an election may come between.
        int committer = Integer.parseInt(answer.replaceAll(".*committed by leader node (\\d).*",
                "$1"));
        assertThat(window.feed()).anyMatch(line -> line.startsWith("Node " + committer
                + " is leader of term"));
        awaitBalanceEverywhere("12.50");
    }

    @Test
    void debitAboveTheBalanceShowsInsufficientFundsAndChangesNothing() {
        int leader = window.awaitOneLeaderShownByAll();
        window.operate(leader, "10.00", "creditButton");
        awaitBalanceEverywhere("10.00");

        String answer = window.operate(window.follower(leader), "25.00", "debitButton");

        assertThat(answer).containsIgnoringCase("insufficient funds").contains("Nothing changed");
        awaitAllApplied();
        assertThat(balances()).containsOnly("10.00");
        assertThat(window.operate(leader, null, "queryButton")).contains("Balance 10.00");
    }

    @Test
    void killLeaderCrashesItAndAnotherNodeLeadsAHigherTerm() {
        int leader = window.awaitOneLeaderShownByAll();
        long term = window.term(leader);

        window.click("killLeaderButton");

        await().atMost(AppWindow.PATIENCE).until(() -> "crashed".equals(window.role(leader)));
        int next = window.awaitOneLeaderShownByAll();
        assertThat(next).isNotEqualTo(leader);
        long newTerm = window.term(next);
        assertThat(newTerm).isGreaterThan(term);
        assertThat(window.feed()).contains("Node " + leader + " crashed: its memory is gone, its "
                + "disk stays");
        assertThat(window.feed()).anyMatch(line -> line.startsWith("Node " + next
                + " is leader of term " + newTerm + " with votes from "));
    }

    @Test
    void revivedNodeComesBackAsAFollowerAndCatchesUp() {
        int leader = window.awaitOneLeaderShownByAll();
        assertThat(window.operate(leader, "5.00", "creditButton")).contains("done");
        window.robot().rightClickOn("#node-" + leader);
        window.robot().clickOn("Crash node " + leader);
        await().atMost(AppWindow.PATIENCE).until(() -> "crashed".equals(window.role(leader)));
        int next = window.awaitOneLeaderShownByAll();
        assertThat(window.operate(next, "2.50", "creditButton")).contains("done");

        window.pick(leader);
        window.press("reviveButton");

        window.awaitShowing(() -> "follower".equals(window.role(leader))
                && "7.50".equals(window.balance(leader)));
        awaitBalanceEverywhere("7.50");
    }

    @Test
    void queryOnAnyNodeReturnsTheCommittedBalance() {
        int leader = window.awaitOneLeaderShownByAll();
        window.operate(window.follower(leader), "33.00", "creditButton");

        for (int node : window.ids()) {
            String answer = window.operate(node, null, "queryButton");

            assertThat(answer).startsWith("Balance 33.00. Read through node " + node);
        }
    }

    @Test
    void pauseStopsEveryTermAndLogChangeUntilResume() {
        int leader = window.awaitOneLeaderShownByAll();
        window.press("pauseButton");
        await().atMost(AppWindow.PATIENCE).until(this::allShownPaused);
        List<String> frozen = termsAndLogs();

        window.pick(window.follower(leader));
        window.enterAmount("4.00");
        window.press("creditButton");

        // Long enough for several election timeouts and heartbeats at the Real tempo.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> termsAndLogs().equals(frozen));
        assertThat(window.text("pauseButton")).isEqualTo("Resume");

        window.press("pauseButton");

        await().atMost(AppWindow.PATIENCE).until(() -> !Fx.get(
                () -> window.controller().controls().pendingProperty().get()));
        assertThat(window.result()).contains("balance is now 4.00");
        awaitBalanceEverywhere("4.00");
    }

    @Test
    void aTypingMistakeInTheAmountIsExplainedAndNothingIsSent() {
        window.pick(2);
        window.typeAmount("12.5.0");
        window.press("creditButton");

        assertThat(window.text("amountError")).contains("more than one decimal point")
                .contains("12.50");
        assertThat(window.feed()).noneMatch(line -> line.startsWith("Credit"));
    }

    @Test
    void keysPickANodeAndQueryItAndTheHelpListsThem() {
        window.awaitOneLeaderShownByAll();

        window.robot().clickOn("#ring");
        window.robot().type(javafx.scene.input.KeyCode.DIGIT3);
        window.robot().type(javafx.scene.input.KeyCode.Q);
        await().atMost(AppWindow.PATIENCE).until(() -> window.result().startsWith("Balance"));
        window.robot().type(javafx.scene.input.KeyCode.H);

        assertThat(window.result()).contains("Read through node 3");
        assertThat(Fx.get(() -> window.stage().getScene().lookup("#helpOverlay").isVisible()))
                .isTrue();
        assertThat(window.robot().lookup("kill the leader").tryQuery()).isPresent();
        window.robot().type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(Fx.get(() -> window.stage().getScene().lookup("#helpOverlay").isVisible()))
                .isFalse();
    }

    @Test
    void closingTheWindowStopsEveryNode() throws Exception {
        window.awaitOneLeaderShownByAll();
        assertThat(clusterThreads()).isNotEmpty();

        window.close();

        await().atMost(AppWindow.PATIENCE).until(() -> clusterThreads().isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    /** The threads of the nodes (their event loops and disk writers) and of the window's session. */
    private static List<String> clusterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.contains("EventLoopGroup") || n.startsWith("storage-writer")
                        || n.equals("raft-teller-control"))
                .collect(Collectors.toList());
    }

    private List<String> balances() {
        return window.ids().stream().map(window::balance).collect(Collectors.toList());
    }

    private void awaitBalanceEverywhere(String balance) {
        window.awaitShowing(() -> balances().stream().allMatch(balance::equals));
    }

    /** Waits until every node has applied everything any node knows to be committed. */
    private void awaitAllApplied() {
        await().atMost(AppWindow.PATIENCE).until(() -> Fx.get(() -> {
            long commit = window.model().commitIndexProperty().get();
            return window.model().nodes().values().stream()
                    .allMatch(n -> n.view() != null && n.view().lastApplied() >= commit);
        }));
    }

    private boolean allShownPaused() {
        return Fx.get(() -> window.model().nodes().values().stream()
                .allMatch(n -> n.view() != null && n.view().paused()));
    }

    /** Each node's term, last log index and commit index, as the window shows them. */
    private List<String> termsAndLogs() {
        return window.ids().stream().map(id -> {
            RaftStatus r = window.raft(id);
            return id + ":" + window.text("node-" + id + "-term") + ":" + r.lastLogIndex() + ":"
                    + r.commitIndex() + ":" + window.text("node-" + id + "-indexes");
        }).collect(Collectors.toList());
    }
}
