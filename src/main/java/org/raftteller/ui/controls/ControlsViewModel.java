package org.raftteller.ui.controls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.raftteller.bank.Money;
import org.raftteller.cluster.Answer;
import org.raftteller.cluster.Tempo;
import org.raftteller.ui.ClusterSession;
import org.raftteller.ui.model.ClusterViewModel;

/**
 * The controls' view model: the picked node, the amount as typed, the last answer in words, and
 * one command method per button. Commands never block: each hands its work to the session and
 * shows the outcome when it comes back on the JavaFX thread.
 *
 * <p>Operations are sent without a client name and sequence number, so the window never retries
 * one by itself; after a timeout it says that the outcome is unknown.
 */
public final class ControlsViewModel {

    private final ClusterSession session;
    private final ClusterViewModel cluster;

    private final IntegerProperty selectedNode = new SimpleIntegerProperty(this, "node", 1);
    private final StringProperty amountText = new SimpleStringProperty(this, "amount", "");
    private final ReadOnlyStringWrapper amountError = new ReadOnlyStringWrapper(this, "amountError", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result",
            "Pick a node, type an amount such as 12.50, then Credit, Debit or Query.");
    private final ReadOnlyBooleanWrapper resultFailed = new ReadOnlyBooleanWrapper(this, "failed");
    private final BooleanProperty pausedState = new SimpleBooleanProperty(this, "paused");
    private final ObjectProperty<Tempo> tempo = new SimpleObjectProperty<>(this, "tempo");
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");
    private int inFlight;

    public ControlsViewModel(ClusterSession session, ClusterViewModel cluster) {
        this.session = session;
        this.cluster = cluster;
        tempo.set(session.options().tempo());
        amountText.addListener((o, a, b) -> amountError.set(""));
    }

    // ---------------------------------------------------------------- properties

    public IntegerProperty selectedNodeProperty() {
        return selectedNode;
    }

    public StringProperty amountTextProperty() {
        return amountText;
    }

    /** Why the typed amount is not money, or "" when it is fine. */
    public ReadOnlyStringProperty amountErrorProperty() {
        return amountError.getReadOnlyProperty();
    }

    /** The last answer in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resultFailedProperty() {
        return resultFailed.getReadOnlyProperty();
    }

    /** Whether the cluster is paused, as far as the user asked. */
    public ReadOnlyBooleanProperty pausedProperty() {
        return pausedState;
    }

    /** The tempo the user chose. */
    public ObjectProperty<Tempo> tempoProperty() {
        return tempo;
    }

    /** Whether an operation is waiting for its answer. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- commands

    public void credit() {
        Long cents = amount();
        if (cents != null) {
            String what = "Credit " + Money.format(cents);
            operation(what, session.credit(node(), cents));
        }
    }

    public void debit() {
        Long cents = amount();
        if (cents != null) {
            String what = "Debit " + Money.format(cents);
            operation(what, session.debit(node(), cents));
        }
    }

    public void query() {
        operation("Query", session.balance(node()));
    }

    public void crashSelected() {
        int n = node();
        control("Crash node " + n, session.crash(n), v -> show("Node " + n + " is crashed.", false));
    }

    public void reviveSelected() {
        int n = node();
        control("Revive node " + n, session.revive(n),
                v -> show("Node " + n + " restarts from its disk.", false));
    }

    public void killLeader() {
        control("Kill leader", session.killLeader(), id -> show(id == 0
                ? "There is no leader to kill right now."
                : "Killed the leader, node " + id + ". Watch the others elect a new one.", false));
    }

    public void togglePause() {
        if (pausedState.get()) {
            resume();
        } else {
            pause();
        }
    }

    public void pause() {
        if (pausedState.get()) {
            return;
        }
        pausedState.set(true);
        cluster.paused(System.nanoTime());
        control("Pause", session.pause(), v -> { });
    }

    public void resume() {
        if (!pausedState.get()) {
            return;
        }
        pausedState.set(false);
        cluster.resumed(System.nanoTime());
        control("Resume", session.resume(), v -> { });
    }

    public void chooseTempo(Tempo t) {
        if (t == null || t == cluster.tempoProperty().get()) {
            return;
        }
        tempo.set(t);
        cluster.tempoChanged(t);
        control("Tempo", session.setTempo(t), v -> { });
    }

    public void selectNode(int id) {
        if (cluster.nodes().containsKey(id)) {
            selectedNode.set(id);
        }
    }

    // ---------------------------------------------------------------- helpers

    private int node() {
        return selectedNode.get();
    }

    /** The typed amount in cents, or null after showing why it is not a valid amount. */
    private Long amount() {
        try {
            long cents = Money.parseCents(amountText.get());
            if (cents < 1) {
                amountError.set("Type an amount of at least 0.01.");
                return null;
            }
            amountError.set("");
            return cents;
        } catch (IllegalArgumentException e) {
            // Money says 'amount "abc" contains the letter a, ...'; make it a sentence.
            String why = e.getMessage();
            amountError.set(Character.toUpperCase(why.charAt(0)) + why.substring(1)
                    + ". Type money such as 12.50.");
            return null;
        }
    }

    private void operation(String what, CompletableFuture<Answer> answer) {
        inFlight++;
        pending.set(true);
        show(what + " on node " + node() + "\u2026", false);
        answer.whenComplete((a, error) -> Platform.runLater(() -> {
            inFlight--;
            pending.set(inFlight > 0);
            if (error != null) {
                show(what + " failed: " + reason(error), true);
                return;
            }
            String text = AnswerText.of(what, a);
            show(text, !a.ok());
            cluster.writer().answer(a.node(), text);
            cluster.flushFeed();
        }));
    }

    private <T> void control(String what, CompletableFuture<T> done, Consumer<T> onSuccess) {
        done.whenComplete((v, error) -> Platform.runLater(() -> {
            if (error != null) {
                show(what + " failed: " + reason(error), true);
            } else {
                onSuccess.accept(v);
            }
        }));
    }

    private void show(String text, boolean failed) {
        result.set(text);
        resultFailed.set(failed);
    }

    private static String reason(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer came in time.";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
