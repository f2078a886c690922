package org.raftteller.sim;

/** A broken safety property, found by the {@link SafetyChecker}. */
public final class SafetyViolation extends AssertionError {

    public SafetyViolation(String property, String detail) {
        super(property + ": " + detail);
    }
}
