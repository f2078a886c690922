package org.raftteller.ui.controls;

import javafx.beans.property.BooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import org.raftteller.cluster.Tempo;

/**
 * Maps the keys listed in {@link Shortcut} to the controls' commands. Plain letter and digit
 * keys act only when no text field has the focus, so typing an amount never crashes a node.
 * Space pauses the cluster wherever the focus is, so it does not press a focused button.
 */
public final class KeyboardShortcuts {

    private final ControlsViewModel controls;
    private final Runnable toggleHelp;
    private final BooleanProperty helpShown;
    private final Runnable switchSideTab;
    private final TextField amountField;
    private final ChoiceBox<Tempo> tempoChoice;

    public KeyboardShortcuts(ControlsViewModel controls, Runnable toggleHelp,
                             BooleanProperty helpShown, Runnable switchSideTab,
                             TextField amountField, ChoiceBox<Tempo> tempoChoice) {
        this.controls = controls;
        this.toggleHelp = toggleHelp;
        this.helpShown = helpShown;
        this.switchSideTab = switchSideTab;
        this.amountField = amountField;
        this.tempoChoice = tempoChoice;
    }

    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (handle(scene, e)) {
                e.consume();
            }
        });
    }

    private boolean handle(Scene scene, KeyEvent e) {
        KeyCode code = e.getCode();
        if (helpShown.get()) {
            if (code == KeyCode.ESCAPE || code == KeyCode.H || code == KeyCode.F1
                    || code == KeyCode.SLASH) {
                toggleHelp.run();
            }
            return true;
        }
        if (code == KeyCode.F1) {
            toggleHelp.run();
            return true;
        }
        if (scene.getFocusOwner() instanceof TextInputControl) {
            return inTextField(scene, e);
        }
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return false;
        }
        int digit = digit(code);
        if (digit > 0) {
            controls.selectNode(digit);
            return true;
        }
        switch (code) {
            case A:
                amountField.requestFocus();
                amountField.selectAll();
                return true;
            case C:
                controls.credit();
                return true;
            case D:
                controls.debit();
                return true;
            case Q:
                controls.query();
                return true;
            case X:
                controls.crashSelected();
                return true;
            case R:
                controls.reviveSelected();
                return true;
            case K:
                controls.killLeader();
                return true;
            case SPACE:
            case P:
                controls.togglePause();
                return true;
            case T:
                nextTempo();
                return true;
            case L:
                switchSideTab.run();
                return true;
            case H:
            case SLASH:
                toggleHelp.run();
                return true;
            default:
                return false;
        }
    }

    private boolean inTextField(Scene scene, KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            if (e.isShiftDown()) {
                controls.debit();
            } else {
                controls.credit();
            }
            return true;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            scene.getRoot().requestFocus();
            return true;
        }
        return false;
    }

    private void nextTempo() {
        int i = tempoChoice.getItems().indexOf(tempoChoice.getValue());
        tempoChoice.setValue(tempoChoice.getItems().get((i + 1) % tempoChoice.getItems().size()));
    }

    private static int digit(KeyCode code) {
        if (code.isDigitKey()) {
            String name = code.getName();
            char c = name.charAt(name.length() - 1);
            return c >= '1' && c <= '9' ? c - '0' : 0;
        }
        return 0;
    }
}
