package org.raftteller.bank;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.raftteller.bank.Outcome.Status;

/**
 * The replicated state machine: one account, its balance in cents, and the table of client
 * sessions that makes a retried command take effect at most once (section 6.3 of the Raft
 * thesis).
 *
 * <p>Every replica applies the same committed entries in the same order, so the bank must be a
 * pure function of them: no clock, no randomness, no iteration order that could differ between
 * JVMs. {@link #encodeState()} lets two replicas (or a test) check that they really agree.
 *
 * <p>Invariants: {@code 0 <= balance <= MAX_BALANCE}; {@code clientCount() <= maxClients}; the
 * session table is ordered from the client whose latest command has the lowest log index to the
 * one whose latest command has the highest.
 *
 * <p>Eviction forgets a client's latest outcome, so a retry that arrives after it is applied as
 * new. With the default table that needs 10,000 other clients to be heard from between a command
 * and its retry.
 */
public final class Bank {

    /** The largest amount one credit or debit may move, in cents (ten billion units). */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    /** The largest balance the account may hold, in cents (ten trillion units). */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    /** How many clients' sessions are kept unless the constructor says otherwise. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    static final int STATE_VERSION = 1;
    // version, balance, lastApplied, maxClients, session count
    private static final int STATE_HEADER_BYTES =
            1 + Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES;
    // after the client name: seq, outcome status, outcome balance, outcome index
    private static final int SESSION_BYTES = Long.BYTES + 1 + Long.BYTES + Long.BYTES;

    private long balance;
    private long lastApplied;
    private final int maxClients;

    // Access order: every command of a client, retries and stale ones included, moves its session
    // to the end, so the first entry is always the one to evict. Every replica sees the same
    // commands in the same order, so every replica evicts the same client.
    private final LinkedHashMap<String, Session> sessions;

    /** The latest seq a client used and what its command decided. */
    private record Session(long seq, Outcome outcome) {
    }

    public Bank() {
        this(DEFAULT_MAX_CLIENTS);
    }

    /** A bank that remembers at most {@code maxClients} clients' latest commands. */
    public Bank(int maxClients) {
        if (maxClients < 1) {
            throw new IllegalArgumentException(
                    "maxClients must be at least 1, but was " + maxClients);
        }
        this.maxClients = maxClients;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Applies the committed entry at {@code index}, which must directly follow the last one
     * applied: a gap or a repeat means the caller broke Raft's apply order, and the replicas
     * would silently diverge, so it is an IllegalStateException rather than an outcome.
     */
    public Outcome apply(long index, BankCommand command) {
        Objects.requireNonNull(command, "command");
        requireNext(index);
        lastApplied = index;

        if (command.isAnonymous()) {
            return execute(command, index);
        }

        Session session = sessions.get(command.client());
        if (session != null) {
            if (command.seq() < session.seq()) {
                return new Outcome(Status.STALE_REQUEST, balance, index);
            }
            if (command.seq() == session.seq()) {
                // A retry of a command already decided: answer as the first time, apply nothing.
                return session.outcome();
            }
        } else if (sessions.size() == maxClients) {
            evictLeastRecentlyUsed();
        }

        // Refusals are remembered too, so a retried refused debit stays refused even if the
        // balance has grown since.
        Outcome outcome = execute(command, index);
        sessions.put(command.client(), new Session(command.seq(), outcome));
        return outcome;
    }

    /** Applies the no-op entry a new leader appends: only the apply position moves. */
    public void applyNoop(long index) {
        requireNext(index);
        lastApplied = index;
    }

    public long balance() {
        return balance;
    }

    /** The index of the last entry applied, 0 before the first. */
    public long lastApplied() {
        return lastApplied;
    }

    /** How many clients' sessions are remembered. */
    public int clientCount() {
        return sessions.size();
    }

    /**
     * The whole state as bytes, identical on every replica that applied the same entries. Format
     * version 1, big-endian: version (1 byte), balance (8), lastApplied (8), maxClients (4),
     * session count (4), then each session from least to most recently used: client name length
     * (1) and name (one ASCII byte per character), seq (8), outcome status (1: applied,
     * 2: insufficient funds, 3: limit exceeded), outcome balance (8), outcome index (8).
     */
    public byte[] encodeState() {
        int length = STATE_HEADER_BYTES;
        // Iterating an access-ordered LinkedHashMap does not reorder it.
        for (String client : sessions.keySet()) {
            length += ByteWriter.clientLength(client) + SESSION_BYTES;
        }
        ByteWriter out = new ByteWriter(length);

        out.writeByte(STATE_VERSION)
                .writeLong(balance)
                .writeLong(lastApplied)
                .writeInt(maxClients)
                .writeInt(sessions.size());
        for (Map.Entry<String, Session> entry : sessions.entrySet()) {
            Session session = entry.getValue();
            out.writeClient(entry.getKey())
                    .writeLong(session.seq())
                    .writeByte(statusCode(session.outcome().status()))
                    .writeLong(session.outcome().balance())
                    .writeLong(session.outcome().index());
        }
        return out.toByteArray();
    }

    /**
     * Restores a bank from {@link #encodeState()}'s bytes. Malformed bytes, including bytes that
     * parse but describe a state no bank can reach, throw IllegalArgumentException naming what
     * is wrong.
     */
    public static Bank decodeState(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bank state bytes must not be null");
        }
        ByteReader in = new ByteReader(bytes, "bank state");

        int version = in.readUnsignedByte("format version");
        if (version != STATE_VERSION) {
            throw in.malformed("has format version " + version + "; only version "
                    + STATE_VERSION + " is understood");
        }
        long balance = in.readLong("balance");
        if (balance < 0 || balance > MAX_BALANCE) {
            throw in.malformed("has balance " + balance + "; it must be 0 to " + MAX_BALANCE);
        }
        long lastApplied = in.readLong("lastApplied");
        if (lastApplied < 0) {
            throw in.malformed("has negative lastApplied " + lastApplied);
        }
        int maxClients = in.readInt("maxClients");
        if (maxClients < 1) {
            throw in.malformed("has maxClients " + maxClients + "; it must be at least 1");
        }
        int count = in.readInt("session count");
        if (count < 0 || count > maxClients) {
            throw in.malformed("has " + count + " sessions; it must be 0 to maxClients, "
                    + maxClients);
        }

        Bank bank = new Bank(maxClients);
        bank.balance = balance;
        bank.lastApplied = lastApplied;
        for (int i = 0; i < count; i++) {
            String client = in.readClient("client name");
            Session session = readSession(in, client, lastApplied);
            if (bank.sessions.put(client, session) != null) {
                throw in.malformed("has two sessions for client " + client);
            }
        }
        in.requireEnd();
        return bank;
    }

    @Override
    public String toString() {
        return "Bank[balance=" + balance + ", lastApplied=" + lastApplied
                + ", clients=" + sessions.size() + "/" + maxClients + "]";
    }

    private void requireNext(long index) {
        if (index != lastApplied + 1) {
            throw new IllegalStateException("bank must apply index " + (lastApplied + 1)
                    + " next, but was given " + index);
        }
    }

    /** Applies the credit or debit itself, with no regard to sessions. */
    private Outcome execute(BankCommand command, long index) {
        if (command instanceof BankCommand.Credit) {
            // No overflow: balance <= MAX_BALANCE and amount <= MAX_AMOUNT, far below Long range.
            if (balance + command.amount() > MAX_BALANCE) {
                return new Outcome(Status.LIMIT_EXCEEDED, balance, index);
            }
            balance += command.amount();
            return new Outcome(Status.APPLIED, balance, index);
        }
        if (command instanceof BankCommand.Debit) {
            if (command.amount() > balance) {
                return new Outcome(Status.INSUFFICIENT_FUNDS, balance, index);
            }
            balance -= command.amount();
            return new Outcome(Status.APPLIED, balance, index);
        }
        throw new AssertionError("BankCommand is sealed, yet got " + command);
    }

    private void evictLeastRecentlyUsed() {
        Iterator<String> leastRecentFirst = sessions.keySet().iterator();
        leastRecentFirst.next();
        leastRecentFirst.remove();
    }

    private static Session readSession(ByteReader in, String client, long lastApplied) {
        try {
            ClientNames.requireValid(client);
        } catch (IllegalArgumentException e) {
            throw in.malformed("has a bad session: " + e.getMessage());
        }
        long seq = in.readLong("seq");
        if (seq < 1) {
            throw in.malformed("has seq " + seq + " for client " + client
                    + "; it must be at least 1");
        }
        int code = in.readUnsignedByte("outcome status");
        Status status = statusOf(code);
        if (status == null) {
            throw in.malformed("has unknown outcome status " + code + " for client " + client);
        }
        long balance = in.readLong("outcome balance");
        long index = in.readLong("outcome index");
        if (index > lastApplied) {
            throw in.malformed("has outcome index " + index + " for client " + client
                    + ", beyond lastApplied " + lastApplied);
        }
        try {
            return new Session(seq, new Outcome(status, balance, index));
        } catch (IllegalArgumentException e) {
            throw in.malformed("has a bad outcome for client " + client + ": " + e.getMessage());
        }
    }

    // Explicit codes rather than ordinals, so reordering the enum cannot change the bytes.
    // A stale request is never remembered, so it has no code.
    private static int statusCode(Status status) {
        return switch (status) {
            case APPLIED -> 1;
            case INSUFFICIENT_FUNDS -> 2;
            case LIMIT_EXCEEDED -> 3;
            case STALE_REQUEST -> throw new AssertionError("a session never holds " + status);
        };
    }

    private static Status statusOf(int code) {
        return switch (code) {
            case 1 -> Status.APPLIED;
            case 2 -> Status.INSUFFICIENT_FUNDS;
            case 3 -> Status.LIMIT_EXCEEDED;
            default -> null;
        };
    }
}
