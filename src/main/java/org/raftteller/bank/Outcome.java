package org.raftteller.bank;

import java.util.Objects;

/**
 * What applying one command decided, as the client protocol reports it.
 *
 * @param status  whether the command took effect, and if not, why
 * @param balance the balance in cents right after this command; for a refusal, the unchanged
 *                balance
 * @param index   the log index that decided the command; for a retry of a command already
 *                applied, the index of the original
 */
public record Outcome(Status status, long balance, long index) {

    public enum Status {
        /** The credit or debit took effect. */
        APPLIED,
        /** A debit larger than the balance; refused for good, a retry stays refused. */
        INSUFFICIENT_FUNDS,
        /** A credit that would take the balance over {@link Bank#MAX_BALANCE}; refused for good. */
        LIMIT_EXCEEDED,
        /** The client's seq is lower than its latest; nothing happened. */
        STALE_REQUEST
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        if (balance < 0 || balance > Bank.MAX_BALANCE) {
            throw new IllegalArgumentException("balance must be 0 to " + Bank.MAX_BALANCE
                    + " cents, but was " + balance);
        }
        if (index < 1) {
            throw new IllegalArgumentException("index must be at least 1, but was " + index);
        }
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }
}
