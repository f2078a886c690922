package org.raftteller.bank;

/**
 * Reads big-endian fields written by {@link ByteWriter}. Every failure is an
 * IllegalArgumentException whose message names the thing being read ({@code subject}), the field
 * and the offset, because the bytes come from a log or snapshot that may be corrupt and the
 * caller must be able to tell exactly what was wrong.
 */
final class ByteReader {

    private final byte[] bytes;
    private final String subject;
    private int offset;

    ByteReader(byte[] bytes, String subject) {
        this.bytes = bytes;
        this.subject = subject;
    }

    int readUnsignedByte(String field) {
        require(1, field);
        return bytes[offset++] & 0xFF;
    }

    int readInt(String field) {
        require(Integer.BYTES, field);
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << 8) | (bytes[offset++] & 0xFF);
        }
        return value;
    }

    long readLong(String field) {
        require(Long.BYTES, field);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[offset++] & 0xFF);
        }
        return value;
    }

    /**
     * Reads a client name written by {@link ByteWriter#writeClient}: a length byte of at most
     * {@link ClientNames#MAX_LENGTH}, then that many one-byte characters. The characters are not
     * checked here; whoever builds the command or session validates them.
     */
    String readClient(String field) {
        int length = readUnsignedByte(field + " length");
        if (length > ClientNames.MAX_LENGTH) {
            throw malformed("has " + field + " length " + length + " at offset " + (offset - 1)
                    + "; at most " + ClientNames.MAX_LENGTH + " are allowed");
        }
        require(length, field);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (bytes[offset++] & 0xFF);
        }
        return new String(chars);
    }

    /** Throws unless every byte has been read: trailing bytes mean a different or broken format. */
    void requireEnd() {
        if (offset != bytes.length) {
            throw malformed("has " + (bytes.length - offset) + " trailing bytes after offset "
                    + offset);
        }
    }

    /** An exception whose message is the subject followed by {@code predicate}. */
    IllegalArgumentException malformed(String predicate) {
        return new IllegalArgumentException(subject + " " + predicate);
    }

    private void require(int count, String field) {
        int remaining = bytes.length - offset;
        if (count > remaining) {
            throw malformed("is truncated: " + field + " needs " + count + " bytes at offset "
                    + offset + " but only " + remaining + " remain");
        }
    }
}
