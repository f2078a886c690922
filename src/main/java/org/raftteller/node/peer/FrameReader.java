package org.raftteller.node.peer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads the big-endian fields of one frame from a ByteBuf, checking before every read that the
 * bytes are there. Every failure is a {@link PeerProtocolException} naming the field and its
 * offset in the frame, never an IndexOutOfBoundsException, and no length read from the frame
 * sizes an allocation before it is checked against the bytes that remain.
 */
final class FrameReader {

    private final ByteBuf in;
    private final int start;

    FrameReader(ByteBuf in) {
        this.in = in;
        this.start = in.readerIndex();
    }

    int remaining() {
        return in.readableBytes();
    }

    int readUnsignedByte(String field) {
        require(1, field);
        return in.readUnsignedByte();
    }

    int readInt(String field) {
        require(Integer.BYTES, field);
        return in.readInt();
    }

    long readLong(String field) {
        require(Long.BYTES, field);
        return in.readLong();
    }

    /** A boolean as one byte, strictly 0 or 1, so that a flipped bit is noticed. */
    boolean readFlag(String field) {
        int value = readUnsignedByte(field);
        if (value > 1) {
            throw new PeerProtocolException(field + " is " + value + ", but a flag is 0 or 1");
        }
        return value == 1;
    }

    /**
     * Reads a 4-byte count of items that each take at least {@code minBytesEach} bytes, refusing
     * a count that the remaining bytes cannot hold.
     */
    int readCount(String field, int minBytesEach) {
        int count = readInt(field);
        if (count < 0) {
            throw new PeerProtocolException(field + " is " + count + ", which is negative");
        }
        if ((long) count * minBytesEach > remaining()) {
            throw new PeerProtocolException(field + " " + count + " exceeds what the remaining "
                    + remaining() + " bytes can hold at " + minBytesEach + " bytes or more each");
        }
        return count;
    }

    /** Reads a 4-byte length, at most {@code maxLength}, then that many bytes. */
    byte[] readBytes(String field, int maxLength) {
        int length = readInt(field + " length");
        if (length < 0) {
            throw new PeerProtocolException(field + " length is " + length
                    + ", which is negative");
        }
        if (length > maxLength) {
            throw new PeerProtocolException(field + " is " + length + " bytes long, but at most "
                    + maxLength + " are allowed");
        }
        require(length, field);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /**
     * Reads a string written as {@link #readBytes} expects, in UTF-8. The decoding is strict:
     * malformed sequences, overlong forms and encoded surrogates are refused, never replaced.
     */
    String readUtf8(String field, int maxBytes) {
        byte[] bytes = readBytes(field, maxBytes);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PeerProtocolException(field + " is not valid UTF-8");
        }
    }

    /** Throws unless every byte has been read: trailing bytes mean a different or broken frame. */
    void requireEnd(String body) {
        if (remaining() > 0) {
            throw new PeerProtocolException(remaining() + " trailing bytes follow the " + body
                    + " at offset " + offset());
        }
    }

    private void require(int count, String field) {
        if (count > remaining()) {
            throw new PeerProtocolException("the frame is truncated: " + field + " needs "
                    + count + " bytes at offset " + offset() + ", but only " + remaining()
                    + " remain");
        }
    }

    private int offset() {
        return in.readerIndex() - start;
    }
}
