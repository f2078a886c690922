package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raftteller.node.peer.PeerPayload.ForwardRequest;
import org.raftteller.node.peer.PeerPayload.ForwardResponse;
import org.raftteller.node.peer.PeerPayload.RaftMessage;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;

/** A frame that exists can be encoded: its constructors refuse what decode would refuse. */
class PeerFrameTest {

    @Test
    void frameOfAMessageIsAddressedAsTheMessageIs() {
        VoteRequest request = new VoteRequest(3, 5, 8, 40, 7);

        PeerFrame frame = PeerFrame.of(42, 9, request);

        assertThat(frame.from()).isEqualTo(3);
        assertThat(frame.to()).isEqualTo(5);
        assertThat(frame.clusterHash()).isEqualTo(42);
        assertThat(frame.traceId()).isEqualTo(9);
        assertThat(frame.payload()).isEqualTo(new RaftMessage(request));
    }

    @Test
    void headerThatDisagreesWithTheMessageIsRefused() {
        RaftMessage payload = new RaftMessage(new VoteResponse(2, 1, 4, true));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PeerFrame(0, 3, 1, 0, payload))
                .withMessage("the header says from 3 to 1, but the message says from 2 to 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nodeIdBelowOneIsRefused(int id) {
        ForwardRequest payload = new ForwardRequest(1, "{}");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PeerFrame(0, id, 1, 0, payload))
                .withMessage("from is " + id + ", but node ids start at 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PeerFrame(0, 1, id, 0, payload))
                .withMessage("to is " + id + ", but node ids start at 1");
    }

    @Test
    void missingPayloadIsRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> new PeerFrame(0, 1, 2, 0, null))
                .withMessage("payload");
    }

    @Test
    void messageWithANegativeTermIsRefused() {
        VoteRequest request = new VoteRequest(1, 2, -1, 0, 0);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RaftMessage(request))
                .withMessage("term is -1, but terms are never negative");
    }

    @Test
    void appendResponseWithAHintTermAboveItsTermIsRefused() {
        AppendResponse response = new AppendResponse(2, 1, 4, false, 10, 8, 5, 0);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RaftMessage(response))
                .withMessage("hintTerm 5 is above the message term 4, but no server's log holds"
                        + " a term later than its own");
    }

    @Test
    void appendRequestWithAGapInItsEntriesIsRefused() {
        AppendRequest request = new AppendRequest(1, 2, 3, 4, 3,
                List.of(Entry.noop(5, 3), Entry.noop(7, 3)), 4, 0);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RaftMessage(request))
                .withMessage("entry 1 has index 7, but entries must be contiguous from"
                        + " prevLogIndex+1, so 6 was expected");
    }

    @Test
    void jsonOverTheLimitIsRefused() {
        String json = "x".repeat(PeerCodec.MAX_JSON_BYTES + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ForwardRequest(1, json))
                .withMessage("requestJson is 69633 bytes of UTF-8, but at most 69632 are"
                        + " allowed");
    }

    @Test
    void jsonLimitCountsUtf8BytesNotChars() {
        String json = "é".repeat(PeerCodec.MAX_JSON_BYTES / 2 + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ForwardResponse(1, json))
                .withMessageStartingWith("resultJson is 69634 bytes of UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83C", "{\"x\":\"\uDFE6\"}", "\uD83C\uD83C\uDFE6", "a\uDFE6\uD83C"})
    void jsonWithAnUnpairedSurrogateIsRefusedRatherThanSilentlyReplaced(String json) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ForwardRequest(1, json))
                .withMessage("requestJson holds an unpaired surrogate, which UTF-8 cannot"
                        + " encode");
    }

    @Test
    void utf8LengthMatchesTheJdkForEveryKindOfCharacter() {
        String text = "a\u007f\u0080\u07ff\u0800\uffff\uD83C\uDFE6é€";

        long length = PeerRules.utf8Length(text);

        assertThat(length).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
