package org.raftteller.sim;

/**
 * A simulated bank client: one operation at a time, each write with a client id and a sequence
 * number so that retries are applied at most once, retried at another server when it gets no
 * answer in time.
 */
final class SimClient {

    enum Kind { CREDIT, DEBIT, READ }

    /** One try of an operation at one server. Only the client's current attempt may answer. */
    record Attempt(SimClient client, long number) {
        boolean isCurrent() {
            return client.attempt == number && client.busy;
        }
    }

    final String name;
    long seq;
    boolean busy;
    Kind kind;
    long amount;
    byte[] command;
    long invokedAt;
    long attempt;
    /** Where the client thinks the leader is; 0 when it has no idea. */
    int leaderGuess;
    int completed;

    SimClient(String name) {
        this.name = name;
    }

    Attempt newAttempt() {
        attempt++;
        return new Attempt(this, attempt);
    }
}
