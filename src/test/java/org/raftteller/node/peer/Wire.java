package org.raftteller.node.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Encodes and decodes through Unpooled buffers that it always releases. */
final class Wire {

    private Wire() {
    }

    static byte[] encode(PeerFrame frame) {
        ByteBuf out = Unpooled.buffer();
        try {
            PeerCodec.encode(frame, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static PeerFrame decode(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return PeerCodec.decode(in);
        } finally {
            in.release();
        }
    }
}
