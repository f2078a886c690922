package org.raftteller.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testfx.util.WaitForAsyncUtils;

/** Reads the scene graph where it lives: on the JavaFX thread. */
final class Fx {

    private Fx() {
    }

    static <T> T get(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reading the scene failed", e);
        }
    }

    static void run(Runnable action) {
        get(() -> {
            action.run();
            return null;
        });
    }
}
