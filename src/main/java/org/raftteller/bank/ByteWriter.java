package org.raftteller.bank;

/**
 * Fills a byte array of a size planned in advance with big-endian fields. The bank may not use
 * java.io or java.nio (it must stay pure), so this small writer stands in for DataOutputStream
 * and ByteBuffer.
 *
 * <p>Formats here are simple enough that their length is known before writing; planning it
 * exactly avoids growing and copying, and {@link #toByteArray()} checks the plan, so a format
 * whose length computation drifts from its fields fails the first time it is used.
 */
final class ByteWriter {

    private final byte[] bytes;
    private int size;

    ByteWriter(int length) {
        bytes = new byte[length];
    }

    ByteWriter writeByte(int value) {
        bytes[size++] = (byte) value;
        return this;
    }

    ByteWriter writeInt(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    ByteWriter writeLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /**
     * Writes a client name as one length byte and one byte per character, {@link #clientLength}
     * bytes in all. Only names that passed {@link ClientNames} (or "") reach here, so every
     * character is ASCII and fits in a byte.
     */
    ByteWriter writeClient(String client) {
        writeByte(client.length());
        for (int i = 0; i < client.length(); i++) {
            bytes[size++] = (byte) client.charAt(i);
        }
        return this;
    }

    /** How many bytes {@link #writeClient} takes for {@code client}. */
    static int clientLength(String client) {
        return 1 + client.length();
    }

    /** The bytes written, which must be exactly as many as planned. */
    byte[] toByteArray() {
        if (size != bytes.length) {
            throw new IllegalStateException(
                    "wrote " + size + " bytes where " + bytes.length + " were planned");
        }
        return bytes;
    }
}
