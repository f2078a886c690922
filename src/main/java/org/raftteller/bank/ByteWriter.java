package org.raftteller.bank;

import java.util.Arrays;

/**
 * Appends big-endian fields to a growing byte array. The bank may not use java.io or java.nio
 * (it must stay pure), so this small writer stands in for DataOutputStream and ByteBuffer.
 */
final class ByteWriter {

    private byte[] bytes;
    private int size;

    ByteWriter(int expectedSize) {
        bytes = new byte[Math.max(expectedSize, 16)];
    }

    ByteWriter writeByte(int value) {
        ensureRoom(1);
        bytes[size++] = (byte) value;
        return this;
    }

    ByteWriter writeInt(int value) {
        ensureRoom(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    ByteWriter writeLong(long value) {
        ensureRoom(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /**
     * Writes a client name as one length byte and one byte per character. Only names that passed
     * {@link ClientNames} (or "") reach here, so every character is ASCII and fits in a byte.
     */
    ByteWriter writeClient(String client) {
        writeByte(client.length());
        ensureRoom(client.length());
        for (int i = 0; i < client.length(); i++) {
            bytes[size++] = (byte) client.charAt(i);
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensureRoom(int count) {
        if (size + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + count));
        }
    }
}
