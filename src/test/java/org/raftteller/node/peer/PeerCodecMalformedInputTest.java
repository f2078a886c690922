package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.node.peer.PeerCodec.APPEND_REQUEST;
import static org.raftteller.node.peer.PeerCodec.APPEND_RESPONSE;
import static org.raftteller.node.peer.PeerCodec.FORWARD_REQUEST;
import static org.raftteller.node.peer.PeerCodec.FORWARD_RESPONSE;
import static org.raftteller.node.peer.PeerCodec.PRE_VOTE_REQUEST;
import static org.raftteller.node.peer.PeerCodec.PRE_VOTE_RESPONSE;
import static org.raftteller.node.peer.PeerCodec.VOTE_REQUEST;
import static org.raftteller.node.peer.PeerCodec.VOTE_RESPONSE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a frame can be malformed is refused with a PeerProtocolException whose message names
 * the problem. Frames are written field by field with {@link RawFrame}, because encode never
 * produces them.
 */
class PeerCodecMalformedInputTest {

    // ---------------------------------------------------------------- header

    @Test
    void emptyInputIsRefusedAsTruncated() {
        byte[] bytes = new byte[0];

        assertRefused(bytes)
                .hasMessage("the frame is truncated: magic needs 4 bytes at offset 0, but only 0"
                        + " remain");
    }

    @Test
    void wrongMagicIsRefusedAsNotAPeerFrame() {
        byte[] http = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

        assertRefused(http)
                .hasMessage("not a Raft Teller peer frame: the magic is 0x47455420 instead of"
                        + " 0x52544654");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xff})
    void unsupportedVersionIsRefused(int version) {
        byte[] bytes = Wire.encode(PeerFrame.of(1, 1, SampleFrames.heartbeat()));
        bytes[4] = (byte) version;

        assertRefused(bytes)
                .hasMessage("unsupported peer protocol version " + version + "; only version 1"
                        + " is understood");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 0x80, 0xff})
    void unknownKindIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(1).i8(1).toBytes();

        assertRefused(bytes)
                .hasMessage("unknown message kind " + kind + "; kinds 1 to 8 are understood");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void senderIdBelowOneIsRefused(int from) {
        byte[] bytes = RawFrame.header(from, 2, VOTE_RESPONSE).i64(1).i8(1).toBytes();

        assertRefused(bytes).hasMessage("from is " + from + ", but node ids start at 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -7})
    void addresseeIdBelowOneIsRefused(int to) {
        byte[] bytes = RawFrame.header(1, to, VOTE_RESPONSE).i64(1).i8(1).toBytes();

        assertRefused(bytes).hasMessage("to is " + to + ", but node ids start at 1");
    }

    @Test
    void frameOverTheLargestSizeIsRefusedBeforeAnythingIsRead() {
        ByteBuf huge = Unpooled.buffer(PeerCodec.MAX_FRAME_BYTES + 1)
                .writerIndex(PeerCodec.MAX_FRAME_BYTES + 1);

        try {
            assertThatThrownBy(() -> PeerCodec.decode(huge))
                    .isExactlyInstanceOf(PeerProtocolException.class)
                    .hasMessage("the frame is 16777217 bytes long, but at most 16777216 are"
                            + " allowed");
        } finally {
            huge.release();
        }
    }

    // ---------------------------------------------------------------- truncation and trailing

    static Stream<PeerFrame> smallFrames() {
        return SampleFrames.small();
    }

    @ParameterizedTest
    @MethodSource("smallFrames")
    void everyProperPrefixOfAFrameIsRefused(PeerFrame frame) {
        byte[] whole = Wire.encode(frame);

        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);

            assertThatThrownBy(() -> Wire.decode(prefix))
                    .as("prefix of %d bytes of %s", length, frame)
                    .isExactlyInstanceOf(PeerProtocolException.class)
                    .message().containsAnyOf("truncated", "exceeds what the remaining");
        }
    }

    @Test
    void truncationMessageNamesTheFieldItsOffsetAndWhatRemains() {
        byte[] bytes = RawFrame.header(VOTE_REQUEST).i64(4).i64(10).i8(0).i8(0).toBytes();

        assertRefused(bytes)
                .hasMessage("the frame is truncated: lastLogTerm needs 8 bytes at offset 46, but"
                        + " only 2 remain");
    }

    @ParameterizedTest
    @MethodSource("smallFrames")
    void trailingBytesAfterAnyBodyAreRefused(PeerFrame frame) {
        byte[] whole = Wire.encode(frame);
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);

        assertRefused(longer)
                .hasMessageMatching("3 trailing bytes follow the \\w+ at offset " + whole.length);
    }

    @Test
    void trailingBytesMessageNamesTheBody() {
        byte[] bytes = RawFrame.header(PRE_VOTE_RESPONSE).i64(3).i8(1).i8(0).toBytes();

        assertRefused(bytes).hasMessage("1 trailing bytes follow the PreVoteResponse at offset 39");
    }

    // ---------------------------------------------------------------- flags, terms, indexes

    @ParameterizedTest
    @ValueSource(ints = {2, 0x80, 0xff})
    void grantedFlagOtherThanZeroOrOneIsRefused(int flag) {
        byte[] bytes = RawFrame.header(VOTE_RESPONSE).i64(3).i8(flag).toBytes();

        assertRefused(bytes).hasMessage("granted is " + flag + ", but a flag is 0 or 1");
    }

    @Test
    void successFlagOtherThanZeroOrOneIsRefused() {
        byte[] bytes = appendResponse(3, 2, 5, 0, 0, 0);

        assertRefused(bytes).hasMessage("success is 2, but a flag is 0 or 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {PRE_VOTE_REQUEST, VOTE_REQUEST})
    void voteRequestWithANegativeTermIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(-1).i64(0).i64(0).toBytes();

        assertRefused(bytes).hasMessage("term is -1, but terms are never negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {PRE_VOTE_RESPONSE, VOTE_RESPONSE})
    void voteResponseWithANegativeTermIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(Long.MIN_VALUE).i8(1).toBytes();

        assertRefused(bytes).hasMessage("term is " + Long.MIN_VALUE
                + ", but terms are never negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {PRE_VOTE_REQUEST, VOTE_REQUEST})
    void voteRequestWithANegativeLastLogIndexIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(5).i64(-3).i64(0).toBytes();

        assertRefused(bytes).hasMessage("lastLogIndex is -3, but log indexes are never negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {PRE_VOTE_REQUEST, VOTE_REQUEST})
    void voteRequestWithANegativeLastLogTermIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(5).i64(3).i64(-2).toBytes();

        assertRefused(bytes).hasMessage("lastLogTerm is -2, but terms are never negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {PRE_VOTE_REQUEST, VOTE_REQUEST})
    void voteRequestWhoseLastLogTermIsAboveItsTermIsRefused(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(5).i64(3).i64(6).toBytes();

        assertRefused(bytes).hasMessage("lastLogTerm 6 is above the message term 5, but no"
                + " server's log holds a term later than its own");
    }

    @Test
    void appendRequestWithANegativeTermIsRefused() {
        byte[] bytes = appendRequest(-4, 0, 0, 0, 0).i32(0).toBytes();

        assertRefused(bytes).hasMessage("term is -4, but terms are never negative");
    }

    @Test
    void appendRequestWithANegativePrevLogIndexIsRefused() {
        byte[] bytes = appendRequest(4, -1, 0, 0, 0).i32(0).toBytes();

        assertRefused(bytes).hasMessage("prevLogIndex is -1, but log indexes are never negative");
    }

    @Test
    void appendRequestWithANegativePrevLogTermIsRefused() {
        byte[] bytes = appendRequest(4, 3, -1, 0, 0).i32(0).toBytes();

        assertRefused(bytes).hasMessage("prevLogTerm is -1, but terms are never negative");
    }

    @Test
    void appendRequestWhosePrevLogTermIsAboveItsTermIsRefused() {
        byte[] bytes = appendRequest(4, 3, 9, 0, 0).i32(0).toBytes();

        assertRefused(bytes).hasMessageStartingWith("prevLogTerm 9 is above the message term 4");
    }

    @Test
    void appendRequestWithANegativeLeaderCommitIsRefused() {
        byte[] bytes = appendRequest(4, 3, 2, -8, 0).i32(0).toBytes();

        assertRefused(bytes).hasMessage("leaderCommit is -8, but log indexes are never negative");
    }

    @Test
    void appendRequestWithANegativeSeqIsRefused() {
        byte[] bytes = appendRequest(4, 3, 2, 1, -1).i32(0).toBytes();

        assertRefused(bytes).hasMessage("seq is -1, but read rounds are never negative");
    }

    @Test
    void appendResponseWithANegativeTermIsRefused() {
        byte[] bytes = appendResponse(-1, 1, 5, 0, 0, 0);

        assertRefused(bytes).hasMessage("term is -1, but terms are never negative");
    }

    @Test
    void appendResponseWithANegativeIndexIsRefused() {
        byte[] bytes = appendResponse(3, 1, -5, 0, 0, 0);

        assertRefused(bytes).hasMessage("index is -5, but log indexes are never negative");
    }

    @Test
    void appendResponseWithANegativeHintIndexIsRefused() {
        byte[] bytes = appendResponse(3, 0, 5, -2, 0, 0);

        assertRefused(bytes).hasMessage("hintIndex is -2, but log indexes are never negative");
    }

    @Test
    void appendResponseWithANegativeHintTermIsRefused() {
        byte[] bytes = appendResponse(3, 0, 5, 2, -2, 0);

        assertRefused(bytes).hasMessage("hintTerm is -2, but terms are never negative");
    }

    @Test
    void appendResponseWhoseHintTermIsAboveItsTermIsRefused() {
        byte[] bytes = appendResponse(3, 0, 5, 2, 4, 0);

        assertRefused(bytes).hasMessageStartingWith("hintTerm 4 is above the message term 3");
    }

    @Test
    void appendResponseWithANegativeSeqIsRefused() {
        byte[] bytes = appendResponse(3, 1, 5, 0, 0, -9);

        assertRefused(bytes).hasMessage("seq is -9, but read rounds are never negative");
    }

    // ---------------------------------------------------------------- entries

    @Test
    void negativeEntryCountIsRefused() {
        byte[] bytes = appendRequest(4, 3, 2, 1, 0).i32(-1).toBytes();

        assertRefused(bytes).hasMessage("entry count is -1, which is negative");
    }

    @Test
    void entryCountTheRemainingBytesCannotHoldIsRefusedBeforeAnyEntryIsRead() {
        byte[] bytes = appendRequest(4, 3, 2, 1, 0).i32(Integer.MAX_VALUE)
                .i64(4).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry count 2147483647 exceeds what the remaining 20"
                + " bytes can hold at 20 bytes or more each");
    }

    @Test
    void entryCountOneMoreThanTheEntriesPresentIsRefused() {
        byte[] bytes = appendRequest(4, 3, 2, 1, 0).i32(2).i64(4).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry count 2 exceeds what the remaining 20 bytes can"
                + " hold at 20 bytes or more each");
    }

    @Test
    void entriesThatDoNotStartRightAfterPrevLogIndexAreRefused() {
        byte[] bytes = appendRequest(4, 3, 2, 1, 0).i32(1).i64(5).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 0 has index 5, but entries must be contiguous"
                + " from prevLogIndex+1, so 4 was expected");
    }

    @Test
    void entriesWithAGapAreRefused() {
        byte[] bytes = appendRequest(4, 3, 2, 1, 0).i32(2)
                .i64(4).i64(4).i32(0)
                .i64(6).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 1 has index 6, but entries must be contiguous"
                + " from prevLogIndex+1, so 5 was expected");
    }

    @Test
    void entryIndexZeroIsRefusedAsNotContiguous() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(0).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessageStartingWith("entry 0 has index 0, but entries must be"
                + " contiguous");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void entryTermBelowOneIsRefused(long term) {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(1).i64(term).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 0 has term " + term + ", but entry terms start"
                + " at 1");
    }

    @Test
    void entryTermAboveTheMessageTermIsRefused() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(1).i64(5).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 0 has term 5, above the message term 4");
    }

    @Test
    void entryTermsThatDecreaseAreRefused() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(2)
                .i64(1).i64(3).i32(0)
                .i64(2).i64(2).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 1 has term 2, below the term 3 before it, but the"
                + " terms in a log never decrease");
    }

    @Test
    void firstEntryTermBelowPrevLogTermIsRefused() {
        byte[] bytes = appendRequest(4, 3, 3, 0, 0).i32(1).i64(4).i64(2).i32(0).toBytes();

        assertRefused(bytes).hasMessage("entry 0 has term 2, below the term 3 before it, but the"
                + " terms in a log never decrease");
    }

    @Test
    void entriesThatWouldRunPastTheLargestIndexAreRefused() {
        long prev = Long.MAX_VALUE - 1;
        byte[] bytes = appendRequest(4, prev, 4, 0, 0).i32(2)
                .i64(Long.MAX_VALUE).i64(4).i32(0)
                .i64(Long.MIN_VALUE).i64(4).i32(0).toBytes();

        assertRefused(bytes).hasMessage("2 entries after prevLogIndex " + prev + " would run past"
                + " the largest possible log index");
    }

    @Test
    void negativeCommandLengthIsRefused() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(1).i64(4).i32(-5).toBytes();

        assertRefused(bytes).hasMessage("entry command length is -5, which is negative");
    }

    @Test
    void commandLengthBeyondTheRemainingBytesIsRefusedBeforeAnythingIsAllocated() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(1).i64(4).i32(16_000_000)
                .bytes(new byte[] {1, 2, 3}).toBytes();

        assertRefused(bytes).hasMessage("the frame is truncated: entry command needs 16000000"
                + " bytes at offset 94, but only 3 remain");
    }

    @Test
    void commandLengthOverTheLargestFrameIsRefused() {
        byte[] bytes = appendRequest(4, 0, 0, 0, 0).i32(1).i64(1).i64(4).i32(Integer.MAX_VALUE)
                .toBytes();

        assertRefused(bytes).hasMessage("entry command is 2147483647 bytes long, but at most"
                + " 16777216 are allowed");
    }

    // ---------------------------------------------------------------- strings

    @ParameterizedTest
    @ValueSource(ints = {FORWARD_REQUEST, FORWARD_RESPONSE})
    void jsonLongerThanTheLimitIsRefusedBeforeItIsRead(int kind) {
        byte[] bytes = RawFrame.header(kind).i64(1).i32(PeerCodec.MAX_JSON_BYTES + 1).toBytes();

        assertRefused(bytes).hasMessageEndingWith(" is 69633 bytes long, but at most 69632 are"
                + " allowed");
    }

    @Test
    void negativeJsonLengthIsRefused() {
        byte[] bytes = RawFrame.header(FORWARD_REQUEST).i64(1).i32(-1).toBytes();

        assertRefused(bytes).hasMessage("requestJson length is -1, which is negative");
    }

    @Test
    void jsonLengthBeyondTheRemainingBytesIsRefused() {
        byte[] bytes = RawFrame.header(FORWARD_RESPONSE).i64(1).i32(10).bytes((byte) '{')
                .toBytes();

        assertRefused(bytes).hasMessage("the frame is truncated: resultJson needs 10 bytes at"
                + " offset 42, but only 1 remain");
    }

    static Stream<byte[]> invalidUtf8() {
        return Stream.of(
                new byte[] {(byte) 0xc3, 0x28},                          // bad continuation
                new byte[] {'{', (byte) 0x80, '}'},                       // lone continuation
                new byte[] {(byte) 0xc0, (byte) 0xaf},                    // overlong '/'
                new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},       // overlong '/'
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},       // encoded surrogate
                new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                new byte[] {'"', (byte) 0xe2, (byte) 0x82},               // cut short
                new byte[] {(byte) 0xff});
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8IsRefusedRatherThanReplaced(byte[] json) {
        byte[] request = RawFrame.header(FORWARD_REQUEST).i64(1).i32(json.length).bytes(json)
                .toBytes();
        byte[] response = RawFrame.header(FORWARD_RESPONSE).i64(1).i32(json.length).bytes(json)
                .toBytes();

        assertRefused(request).hasMessage("requestJson is not valid UTF-8");
        assertRefused(response).hasMessage("resultJson is not valid UTF-8");
    }

    @Test
    void wellFormedFourByteUtf8IsAccepted() {
        byte[] bank = {(byte) 0xf0, (byte) 0x9f, (byte) 0x8f, (byte) 0xa6};
        byte[] bytes = RawFrame.header(FORWARD_REQUEST).i64(1).i32(4).bytes(bank).toBytes();

        PeerFrame frame = Wire.decode(bytes);

        assertThat(frame.payload()).isEqualTo(new PeerPayload.ForwardRequest(1, "\uD83C\uDFE6"));
    }

    // ---------------------------------------------------------------- helpers

    private static RawFrame appendRequest(long term, long prevLogIndex, long prevLogTerm,
                                          long leaderCommit, long seq) {
        return RawFrame.header(APPEND_REQUEST)
                .i64(term).i64(prevLogIndex).i64(prevLogTerm).i64(leaderCommit).i64(seq);
    }

    private static byte[] appendResponse(long term, int success, long index, long hintIndex,
                                         long hintTerm, long seq) {
        return RawFrame.header(APPEND_RESPONSE)
                .i64(term).i8(success).i64(index).i64(hintIndex).i64(hintTerm).i64(seq)
                .toBytes();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] bytes) {
        return assertThatThrownBy(() -> Wire.decode(bytes))
                .isExactlyInstanceOf(PeerProtocolException.class);
    }
}
