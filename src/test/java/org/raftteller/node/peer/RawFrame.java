package org.raftteller.node.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Writes frame bytes field by field, to make frames that {@link PeerCodec#encode} never would. */
final class RawFrame {

    static final long CLUSTER_HASH = 0x0123456789abcdefL;
    static final int FROM = 1;
    static final int TO = 2;
    static final long TRACE_ID = 77;

    private final ByteBuf buf = Unpooled.buffer();

    private RawFrame() {
    }

    static RawFrame empty() {
        return new RawFrame();
    }

    /** A well-formed header from node 1 to node 2 announcing a body of {@code kind}. */
    static RawFrame header(int kind) {
        return header(FROM, TO, kind);
    }

    static RawFrame header(int from, int to, int kind) {
        return new RawFrame()
                .i32(PeerCodec.MAGIC)
                .i8(PeerCodec.VERSION)
                .i64(CLUSTER_HASH)
                .i32(from)
                .i32(to)
                .i64(TRACE_ID)
                .i8(kind);
    }

    RawFrame i8(int value) {
        buf.writeByte(value);
        return this;
    }

    RawFrame i32(int value) {
        buf.writeInt(value);
        return this;
    }

    RawFrame i64(long value) {
        buf.writeLong(value);
        return this;
    }

    RawFrame bytes(byte... bytes) {
        buf.writeBytes(bytes);
        return this;
    }

    /** The bytes written; the builder is spent afterwards. */
    byte[] toBytes() {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
