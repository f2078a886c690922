package org.raftteller.bank;

import java.util.Objects;

/**
 * The bytes of a {@link BankCommand} inside a Raft log entry. Format version 1, big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     1  format version, 1
 *      1     1  op: 1 credit, 2 debit
 *      2     8  amount in cents
 *     10     1  client name length n, 0 for an anonymous command
 *     11     n  client name, one ASCII byte per character
 *   11+n     8  seq, only when n &gt; 0 (an anonymous command's seq is 0 by definition)
 * </pre>
 *
 * <p>An encoded command is never empty: an empty entry is the Raft no-op a new leader appends,
 * and the two must never be confused. The version byte comes first so that a later format can
 * be told apart from this one instead of being misread.
 */
public final class CommandCodec {

    static final int VERSION = 1;
    static final int OP_CREDIT = 1;
    static final int OP_DEBIT = 2;

    private static final String SUBJECT = "command";

    private CommandCodec() {
    }

    public static byte[] encode(BankCommand command) {
        Objects.requireNonNull(command, "command");
        int seqLength = command.isAnonymous() ? 0 : Long.BYTES;
        ByteWriter out = new ByteWriter(
                2 + Long.BYTES + ByteWriter.clientLength(command.client()) + seqLength);

        out.writeByte(VERSION).writeByte(opOf(command)).writeLong(command.amount());
        out.writeClient(command.client());
        if (!command.isAnonymous()) {
            out.writeLong(command.seq());
        }
        return out.toByteArray();
    }

    /**
     * Reads a command written by {@link #encode}. Any malformed input, including null, throws
     * IllegalArgumentException naming what is wrong; no other exception escapes, so a node can
     * treat a bad entry as one failure kind.
     */
    public static BankCommand decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("command bytes must not be null");
        }
        ByteReader in = new ByteReader(bytes, SUBJECT);

        int version = in.readUnsignedByte("format version");
        if (version != VERSION) {
            throw in.malformed("has format version " + version + "; only version " + VERSION
                    + " is understood");
        }
        int op = in.readUnsignedByte("op");
        if (op != OP_CREDIT && op != OP_DEBIT) {
            throw in.malformed("has unknown op " + op + "; expected " + OP_CREDIT
                    + " (credit) or " + OP_DEBIT + " (debit)");
        }
        long amount = in.readLong("amount");
        String client = in.readClient("client name");
        long seq = client.isEmpty() ? 0 : in.readLong("seq");
        in.requireEnd();

        try {
            return op == OP_CREDIT
                    ? new BankCommand.Credit(client, seq, amount)
                    : new BankCommand.Debit(client, seq, amount);
        } catch (IllegalArgumentException e) {
            throw in.malformed("is invalid: " + e.getMessage());
        }
    }

    private static int opOf(BankCommand command) {
        if (command instanceof BankCommand.Credit) {
            return OP_CREDIT;
        }
        if (command instanceof BankCommand.Debit) {
            return OP_DEBIT;
        }
        throw new AssertionError("BankCommand is sealed, yet got " + command);
    }
}
