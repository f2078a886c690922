package org.raftteller.bank;

/**
 * A change to the account, as it travels through the Raft log and is applied on every replica.
 *
 * <p>A command is either anonymous ({@code client} is "" and {@code seq} is 0), applied each time
 * it reaches the log, or named: the client's name and a sequence number let the bank recognise a
 * retry and answer it with the original outcome instead of applying it twice (the client
 * sessions of section 6.3 of the Raft thesis).
 */
public sealed interface BankCommand permits BankCommand.Credit, BankCommand.Debit {

    /** The client's name, or "" for an anonymous command. */
    String client();

    /** The client's sequence number for this command, at least 1; 0 for an anonymous command. */
    long seq();

    /** How many cents to move, 1 to {@link Bank#MAX_AMOUNT}. */
    long amount();

    default boolean isAnonymous() {
        return client().isEmpty();
    }

    /** Adds {@code amount} cents to the balance, unless that would exceed the bank's limit. */
    record Credit(String client, long seq, long amount) implements BankCommand {

        public Credit {
            validate(client, seq, amount);
        }

        /** An anonymous credit. */
        public Credit(long amount) {
            this("", 0, amount);
        }
    }

    /** Takes {@code amount} cents from the balance, unless the balance is smaller. */
    record Debit(String client, long seq, long amount) implements BankCommand {

        public Debit {
            validate(client, seq, amount);
        }

        /** An anonymous debit. */
        public Debit(long amount) {
            this("", 0, amount);
        }
    }

    private static void validate(String client, long seq, long amount) {
        if (client == null) {
            throw new IllegalArgumentException(
                    "client must not be null; use \"\" for an anonymous command");
        }
        if (client.isEmpty()) {
            if (seq != 0) {
                throw new IllegalArgumentException(
                        "an anonymous command must have seq 0, but seq was " + seq);
            }
        } else {
            ClientNames.requireValid(client);
            if (seq < 1) {
                throw new IllegalArgumentException(
                        "seq must be at least 1 for client " + client + ", but was " + seq);
            }
        }
        if (amount < 1 || amount > Bank.MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be 1 to " + Bank.MAX_AMOUNT
                    + " cents, but was " + amount);
        }
    }
}
