package org.raftteller.node.peer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.raftteller.node.peer.PeerPayload.ForwardRequest;
import org.raftteller.node.peer.PeerPayload.ForwardResponse;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteRequest;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;

/** Frames of every kind, with ordinary and edge values, for round trips and mutations. */
final class SampleFrames {

    static final long HASH = PeerCodec.clusterHash("sample");
    static final long MAX = Long.MAX_VALUE;

    private SampleFrames() {
    }

    static Stream<PeerFrame> all() {
        return Stream.concat(small(), Stream.of(withLargeCommand()));
    }

    /** Every kind, each small enough to mutate byte by byte. */
    static Stream<PeerFrame> small() {
        return Stream.of(
                PeerFrame.of(HASH, 1, new PreVoteRequest(1, 2, 0, 0, 0)),
                PeerFrame.of(HASH, 2, new PreVoteRequest(3, 5, 8, 41, 7)),
                PeerFrame.of(Long.MIN_VALUE, MAX, new PreVoteRequest(Integer.MAX_VALUE, 1,
                        MAX, MAX, MAX)),
                PeerFrame.of(HASH, 3, new PreVoteResponse(2, 1, 8, true)),
                PeerFrame.of(HASH, -1, new PreVoteResponse(2, 1, MAX, false)),
                PeerFrame.of(HASH, 4, new VoteRequest(1, 4, 3, 17, 2)),
                PeerFrame.of(0, 0, new VoteRequest(4, 1, MAX, MAX, MAX)),
                PeerFrame.of(HASH, 5, new VoteResponse(4, 1, 3, true)),
                PeerFrame.of(HASH, 6, new VoteResponse(1, Integer.MAX_VALUE, 0, false)),
                PeerFrame.of(HASH, 7, heartbeat()),
                PeerFrame.of(HASH, 8, new AppendRequest(1, 2, 0, 0, 0, List.of(), 0, 0)),
                PeerFrame.of(HASH, 9, withNoops()),
                PeerFrame.of(HASH, 10, withCommands()),
                PeerFrame.of(HASH, 11, atTheEndOfTheIndexes()),
                PeerFrame.of(HASH, 12, new AppendResponse(2, 1, 5, true, 12, 0, 0, 3)),
                PeerFrame.of(HASH, 13, new AppendResponse(2, 1, 5, false, 12, 9, 4, 3)),
                PeerFrame.of(HASH, 14, new AppendResponse(2, 1, MAX, false, MAX, MAX, MAX, MAX)),
                new PeerFrame(HASH, 2, 1, 15, new ForwardRequest(1,
                        "{\"id\":1,\"op\":\"credit\",\"amount\":1250}")),
                new PeerFrame(HASH, 2, 1, 16, new ForwardRequest(Long.MIN_VALUE, "")),
                new PeerFrame(HASH, 3, 1, 17, new ForwardRequest(MAX,
                        "{\"id\":\"caf\u00e9 \u20ac \uD83C\uDFE6\",\"op\":\"balance\"}")),
                new PeerFrame(HASH, 1, 2, 18, new ForwardResponse(1,
                        "{\"id\":1,\"ok\":true,\"op\":\"credit\",\"balance\":1250}")),
                new PeerFrame(HASH, 1, 3, 19, new ForwardResponse(-7, "")));
    }

    static AppendRequest heartbeat() {
        return new AppendRequest(1, 2, 6, 40, 6, List.of(), 40, 9);
    }

    static AppendRequest withNoops() {
        return new AppendRequest(1, 3, 7, 40, 6, List.of(Entry.noop(41, 7), Entry.noop(42, 7)),
                40, 0);
    }

    static AppendRequest withCommands() {
        return new AppendRequest(2, 1, 9, 10, 3, List.of(
                new Entry(11, 3, bytes("credit 1250")),
                new Entry(12, 5, new byte[] {0, -1, 127, -128}),
                Entry.noop(13, 9),
                new Entry(14, 9, bytes("debit 5"))), 12, 4);
    }

    /** The largest index, term, commit index and read round the wire can carry. */
    static AppendRequest atTheEndOfTheIndexes() {
        return new AppendRequest(5, 4, MAX, MAX - 2, MAX, List.of(
                new Entry(MAX - 1, MAX, bytes("x")), Entry.noop(MAX, MAX)), MAX, MAX);
    }

    static PeerFrame withLargeCommand() {
        byte[] command = new byte[1 << 20];
        Arrays.fill(command, (byte) 0x5a);
        command[0] = 1;
        command[command.length - 1] = 2;
        return PeerFrame.of(HASH, 20, new AppendRequest(1, 2, 3, 0, 0,
                List.of(new Entry(1, 3, command), Entry.noop(2, 3)), 0, 0));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
