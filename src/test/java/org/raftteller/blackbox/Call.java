package org.raftteller.blackbox;

import java.util.Locale;
import java.util.Objects;

/**
 * One request a test client sent to one node, and what it learned: the raw material of a
 * history. Times are {@link System#nanoTime()} in the test's JVM, taken before the connection is
 * opened and after the answer is read, so the window is never narrower than the real one.
 *
 * @param client        the exactly-once client name of a credit or debit; null for a balance read
 * @param seq           the client's seq for a credit or debit; 0 for a balance read
 * @param kind          what was asked
 * @param amount        cents moved by a credit or debit; 0 for a balance read
 * @param node          the node the request was sent to
 * @param invokeNanos   when the client began
 * @param responseNanos when the client stopped waiting
 * @param answer        what the client learned
 */
record Call(String client, long seq, Kind kind, long amount, int node, long invokeNanos,
            long responseNanos, Answer answer) {

    enum Kind {
        CREDIT, DEBIT, BALANCE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Call {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(answer, "answer");
        if (kind == Kind.BALANCE ? client != null || seq != 0 || amount != 0
                : client == null || seq < 1 || amount < 1) {
            throw new IllegalArgumentException("a balance read has no client, seq or amount; a "
                    + "credit or debit has all three: " + client + "/" + seq + "/" + amount);
        }
        if (responseNanos < invokeNanos) {
            throw new IllegalArgumentException("a call cannot end before it begins");
        }
    }

    boolean isWrite() {
        return kind != Kind.BALANCE;
    }

    /** What a client can learn from one call. */
    sealed interface Answer {
    }

    /** Success: the balance right after the operation and the log index that decided it. */
    record Ok(long balance, long index) implements Answer {
    }

    /** {@code insufficient_funds}: decided in the log and refused, at this balance. */
    record Refused(long balance) implements Answer {
    }

    /**
     * The request certainly did not happen: {@code no_leader}, {@code unavailable}, or it never
     * left the client (the connection was refused).
     */
    record NotDone(String why) implements Answer {
    }

    /** It may or may not have happened: {@code timeout}, a lost connection, no answer in time. */
    record Unknown(String why) implements Answer {
    }

    /** An answer this workload can never legitimately get, such as {@code stale_request}. */
    record Unexpected(String line) implements Answer {
    }
}
