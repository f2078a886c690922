package org.raftteller.cli;

import org.raftteller.ui.RaftTellerApp;

/**
 * The jar's entry point. With no arguments it opens the window; with arguments it runs the
 * command line and exits with its status.
 *
 * <p>This class must not extend {@code javafx.application.Application}: the Java launcher refuses
 * such a main class with "JavaFX runtime components are missing" when JavaFX is on the class path
 * rather than the module path, as it is in the shaded jar.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            RaftTellerApp.launchGui();
            return;
        }

        System.exit(RaftTellerCommand.execute(args));
    }
}
