package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The length prefix delimits frames on the stream, and admits payloads up to exactly
 * {@link PeerCodec#MAX_FRAME_BYTES}.
 */
class PeerFramingTest {

    private final EmbeddedChannel sender = new EmbeddedChannel(PeerCodec.newFramePrepender());
    private final EmbeddedChannel receiver = new EmbeddedChannel(PeerCodec.newFrameDecoder());

    @AfterEach
    void closeChannels() {
        sender.finishAndReleaseAll();
        receiver.finishAndReleaseAll();
    }

    @Test
    void framesSentByteByByteArriveWholeAndInOrder() {
        List<PeerFrame> frames = SampleFrames.small().toList();
        ByteBuf stream = Unpooled.buffer();
        for (PeerFrame frame : frames) {
            ByteBuf payload = Unpooled.buffer();
            PeerCodec.encode(frame, payload);
            sender.writeOutbound(payload);
        }
        for (ByteBuf piece = sender.readOutbound(); piece != null; piece = sender.readOutbound()) {
            stream.writeBytes(piece);
            piece.release();
        }

        while (stream.isReadable()) {
            receiver.writeInbound(stream.readRetainedSlice(1));
        }
        stream.release();

        List<PeerFrame> received = new ArrayList<>();
        for (ByteBuf in = receiver.readInbound(); in != null; in = receiver.readInbound()) {
            try {
                received.add(PeerCodec.decode(in));
            } finally {
                in.release();
            }
        }
        assertThat(received).isEqualTo(frames);
    }

    @Test
    void prefixIsTheFourByteBigEndianLengthOfThePayload() {
        ByteBuf payload = Unpooled.buffer();
        PeerCodec.encode(PeerFrame.of(1, 1, SampleFrames.heartbeat()), payload);
        int length = payload.readableBytes();

        sender.writeOutbound(payload);

        ByteBuf prefix = sender.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(prefix)).isEqualTo(String.format("%08x", length));
        } finally {
            prefix.release();
        }
    }

    @Test
    void payloadOfExactlyTheLargestFrameSizeIsDelimited() {
        ByteBuf stream = Unpooled.buffer(PeerCodec.LENGTH_FIELD_BYTES + PeerCodec.MAX_FRAME_BYTES)
                .writeInt(PeerCodec.MAX_FRAME_BYTES)
                .writeZero(PeerCodec.MAX_FRAME_BYTES);

        receiver.writeInbound(stream);

        ByteBuf payload = receiver.readInbound();
        try {
            assertThat(payload.readableBytes()).isEqualTo(PeerCodec.MAX_FRAME_BYTES);
        } finally {
            payload.release();
        }
    }

    @Test
    void lengthOverTheLargestFrameSizeIsRefusedAtOnce() {
        ByteBuf prefix = Unpooled.buffer().writeInt(PeerCodec.MAX_FRAME_BYTES + 1);

        assertThatThrownBy(() -> receiver.writeInbound(prefix))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void lengthWithTheTopBitSetIsReadAsUnsignedAndRefusedAsTooLong() {
        ByteBuf prefix = Unpooled.buffer().writeInt(-1);

        assertThatThrownBy(() -> receiver.writeInbound(prefix))
                .isInstanceOf(TooLongFrameException.class);
    }
}
