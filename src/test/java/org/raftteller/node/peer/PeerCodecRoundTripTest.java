package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raftteller.node.peer.PeerPayload.ForwardRequest;
import org.raftteller.node.peer.PeerPayload.ForwardResponse;
import org.raftteller.node.peer.PeerPayload.RaftMessage;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.VoteResponse;

class PeerCodecRoundTripTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<PeerFrame> frames() {
        return SampleFrames.all();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void decodeOfEncodeGivesBackTheSameFrame(PeerFrame frame) {
        byte[] bytes = Wire.encode(frame);

        assertThat(Wire.decode(bytes)).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("frames")
    void everyFrameStartsWithMagicAndVersion(PeerFrame frame) {
        byte[] bytes = Wire.encode(frame);

        assertThat(HEX.formatHex(bytes, 0, 5)).isEqualTo("52544654" + "01");
    }

    @Test
    void voteResponseHasTheDocumentedLayout() {
        PeerFrame frame = PeerFrame.of(0x0102030405060708L, 0x1112131415161718L,
                new VoteResponse(3, 5, 0x21, true));

        byte[] bytes = Wire.encode(frame);

        assertThat(HEX.formatHex(bytes)).isEqualTo("52544654" + "01" + "0102030405060708"
                + "00000003" + "00000005" + "1112131415161718" + "04"
                + "0000000000000021" + "01");
    }

    @Test
    void appendRequestHasTheDocumentedLayout() {
        PeerFrame frame = PeerFrame.of(0, 0, new AppendRequest(1, 2, 3, 4, 2, List.of(
                new Entry(5, 3, new byte[] {(byte) 0xab, (byte) 0xcd}), Entry.noop(6, 3)), 4, 9));

        byte[] bytes = Wire.encode(frame);

        assertThat(HEX.formatHex(bytes, PeerCodec.HEADER_BYTES - 1, bytes.length)).isEqualTo("05"
                + "0000000000000003" + "0000000000000004" + "0000000000000002"
                + "0000000000000004" + "0000000000000009" + "00000002"
                + "0000000000000005" + "0000000000000003" + "00000002" + "abcd"
                + "0000000000000006" + "0000000000000003" + "00000000");
    }

    @Test
    void forwardRequestCarriesItsJsonAsLengthPrefixedUtf8() {
        PeerFrame frame = new PeerFrame(0, 2, 1, 0, new ForwardRequest(9, "{\"é\":1}"));

        byte[] bytes = Wire.encode(frame);

        assertThat(HEX.formatHex(bytes, PeerCodec.HEADER_BYTES - 1, bytes.length)).isEqualTo("07"
                + "0000000000000009" + "00000008" + "7b22c3a9223a317d");
    }

    @Test
    void forwardPayloadsOfExactlyTheLargestJsonRoundTrip() {
        // 20,000 three-byte euro signs, then ASCII up to the limit
        String euros = "€".repeat(20_000);
        String json = "\"" + euros + "x".repeat(PeerCodec.MAX_JSON_BYTES - 60_002) + "\"";
        PeerFrame request = new PeerFrame(1, 2, 1, 0, new ForwardRequest(1, json));
        PeerFrame response = new PeerFrame(1, 1, 2, 0, new ForwardResponse(1, json));

        PeerFrame requestBack = Wire.decode(Wire.encode(request));
        PeerFrame responseBack = Wire.decode(Wire.encode(response));

        assertThat(PeerRules.utf8Length(json)).isEqualTo(PeerCodec.MAX_JSON_BYTES);
        assertThat(requestBack).isEqualTo(request);
        assertThat(responseBack).isEqualTo(response);
    }

    @Test
    void noopEntriesComeBackAsNoops() {
        PeerFrame frame = PeerFrame.of(1, 1, SampleFrames.withNoops());

        PeerFrame back = Wire.decode(Wire.encode(frame));

        AppendRequest request = (AppendRequest) ((RaftMessage) back.payload()).message();
        assertThat(request.entries()).hasSize(2).allMatch(Entry::isNoop);
    }

    @Test
    void frameOfExactlyTheLargestSizeRoundTrips() {
        int command = PeerCodec.MAX_FRAME_BYTES - PeerCodec.HEADER_BYTES - 44
                - PeerCodec.ENTRY_MIN_BYTES;
        PeerFrame frame = PeerFrame.of(1, 1, new AppendRequest(1, 2, 1, 0, 0,
                List.of(new Entry(1, 1, new byte[command])), 0, 0));

        byte[] bytes = Wire.encode(frame);

        assertThat(bytes).hasSize(PeerCodec.MAX_FRAME_BYTES);
        assertThat(Wire.decode(bytes)).isEqualTo(frame);
    }

    @Test
    void encodeRefusesAFrameOverTheLargestSizeAndWritesNothing() {
        int command = PeerCodec.MAX_FRAME_BYTES - PeerCodec.HEADER_BYTES - 44
                - PeerCodec.ENTRY_MIN_BYTES + 1;
        PeerFrame frame = PeerFrame.of(1, 1, new AppendRequest(1, 2, 1, 0, 0,
                List.of(new Entry(1, 1, new byte[command])), 0, 0));
        ByteBuf out = Unpooled.buffer();

        try {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> PeerCodec.encode(frame, out))
                    .withMessage("a frame of 16777217 bytes cannot be sent; at most 16777216"
                            + " are allowed");
            assertThat(out.writerIndex()).isZero();
        } finally {
            out.release();
        }
    }

    @Test
    void encodeAppendsAfterWhatTheBufferAlreadyHolds() {
        PeerFrame frame = PeerFrame.of(1, 1, SampleFrames.heartbeat());
        ByteBuf out = Unpooled.buffer().writeBytes(new byte[] {9, 9, 9});

        try {
            PeerCodec.encode(frame, out);

            assertThat(out.getByte(2)).isEqualTo((byte) 9);
            assertThat(out.readableBytes()).isEqualTo(3 + Wire.encode(frame).length);
        } finally {
            out.release();
        }
    }

    @Test
    void decodeReadsFromTheReaderIndexToTheEndAndLeavesTheBufferToTheCaller() {
        PeerFrame frame = PeerFrame.of(1, 1, SampleFrames.withCommands());
        byte[] bytes = Wire.encode(frame);
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        ByteBuf in = Unpooled.wrappedBuffer(padded).skipBytes(5);

        try {
            PeerFrame back = PeerCodec.decode(in);

            assertThat(back).isEqualTo(frame);
            assertThat(in.readableBytes()).isZero();
            assertThat(in.refCnt()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @Test
    void decodedCommandsAreCopiesThatOutliveTheBuffer() {
        PeerFrame frame = PeerFrame.of(1, 1, SampleFrames.withCommands());
        byte[] bytes = Wire.encode(frame);

        PeerFrame back = Wire.decode(bytes);
        Arrays.fill(bytes, (byte) 0);

        assertThat(back).isEqualTo(frame);
    }
}
