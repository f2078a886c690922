package org.raftteller.node;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.Requests.credit;
import static org.raftteller.node.Requests.status;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.raftteller.node.peer.PeerCodec;
import org.raftteller.node.peer.PeerFrame;
import org.raftteller.node.peer.PeerPayload;
import org.raftteller.raft.Message;

/**
 * Bad input on the peer port: a stray connection, garbage, or a well-formed frame that is not
 * meant for this node. The node closes that connection and nothing else changes: it keeps
 * serving clients and the cluster keeps a leader.
 *
 * <p>The well-formed frames carry a heartbeat of a huge term. A node that took one would adopt
 * the term and depose the real leader, so a term that never reaches it shows the frame was
 * refused before Raft saw it, not merely after.
 */
class PeerBadInputTest {

    private static final long BOGUS_TERM = 1_000_000;
    private static final long OUR_HASH = PeerCodec.clusterHash(FiveNodes.CLUSTER_ID);

    @TempDir
    static Path dir;
    private static FiveNodes nodes;

    @BeforeAll
    static void startCluster() {
        nodes = FiveNodes.start(dir);
        nodes.awaitLeader();
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.assertNoTermHadTwoLeaders();
            nodes.close();
        }
    }

    /** What the bad input is, and its bytes for a given addressee. */
    static Stream<Arguments> badInput() {
        List<Arguments> cases = new ArrayList<>();
        for (String target : List.of("leader", "follower")) {
            cases.add(bad(target, "an HTTP request", to -> ("GET / HTTP/1.1\r\nHost: node\r\n"
                    + "\r\n").getBytes(US_ASCII)));
            cases.add(bad(target, "random bytes in a frame of the length they announce",
                    to -> randomFrame(4_096)));
            cases.add(bad(target, "random bytes announcing 1 GiB", to -> {
                byte[] bytes = randomFrame(4_096);
                ByteBuffer.wrap(bytes).putInt(0, 1 << 30);
                return bytes;
            }));
            cases.add(bad(target, "an oversized length", to -> lengthOnly(Integer.MAX_VALUE)));
            cases.add(bad(target, "a negative length", to -> lengthOnly(-1)));
            cases.add(bad(target, "an empty frame", to -> lengthOnly(0)));
            cases.add(bad(target, "a frame of another cluster", to -> frame(
                    PeerCodec.clusterHash("another-cluster"), other(to), to)));
            cases.add(bad(target, "a frame for another node", to -> frame(OUR_HASH, other(to),
                    other(other(to)))));
            cases.add(bad(target, "a frame from a node outside the cluster",
                    to -> frame(OUR_HASH, 9, to)));
            cases.add(bad(target, "a frame from the node itself", to -> frame(OUR_HASH, to, to)));
            cases.add(bad(target, "a frame of protocol version 2", to -> {
                byte[] bytes = frame(OUR_HASH, other(to), to);
                bytes[PeerCodec.LENGTH_FIELD_BYTES + 4] = 2;
                return bytes;
            }));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} sent to the {0}")
    @MethodSource("badInput")
    void badInputClosesThatConnectionAndHarmsNothingElse(String target, String what,
                                                         IntFunction<byte[]> input) {
        int leader = nodes.awaitLeader();
        int node = target.equals("leader") ? leader : nodes.followers().get(0);
        long before = nodes.balanceVia(node);

        boolean closed;
        try (LineClient peer = LineClient.connect(nodes.peerAddress(node))) {
            closed = peer.sendBytes(input.apply(node)).closedByNode();
        }

        assertThat(closed).as("node %d closed the connection that sent %s", node, what).isTrue();
        try (LineClient client = nodes.client(node)) {
            JsonObject status = client.call(status("after"));
            assertThat(status.get("ok").getAsBoolean()).as("%s", status).isTrue();
            assertThat(status.get("term").getAsLong()).isLessThan(BOGUS_TERM);
            JsonObject credit = client.call(credit("after", 1));
            assertThat(credit.get("ok").getAsBoolean()).as("%s", credit).isTrue();
            assertThat(credit.get("balance").getAsLong()).isEqualTo(before + 1);
        }
        assertThat(nodes.awaitLeader()).isNotZero();
        for (int id : FiveNodes.IDS) {
            assertThat(nodes.status(id).term()).as("term of node %d", id).isLessThan(BOGUS_TERM);
        }
    }

    private static Arguments bad(String target, String what, IntFunction<byte[]> input) {
        return Arguments.of(target, what, input);
    }

    /** Some node other than {@code id}. */
    private static int other(int id) {
        return id % FiveNodes.IDS.size() + 1;
    }

    /**
     * A well-formed, length-prefixed frame carrying a heartbeat of {@link #BOGUS_TERM}; decoded
     * again here, so that a refusal cannot be blamed on a broken frame.
     */
    private static byte[] frame(long clusterHash, int from, int to) {
        Message heartbeat = new Message.AppendRequest(from, to, BOGUS_TERM, 0, 0, List.of(),
                0, 0);
        ByteBuf buf = Unpooled.buffer();
        try {
            PeerCodec.encode(PeerFrame.of(clusterHash, 1, heartbeat), buf);
            PeerFrame decoded = PeerCodec.decode(buf.duplicate());
            assertThat(decoded.payload()).isEqualTo(new PeerPayload.RaftMessage(heartbeat));
            byte[] bytes = new byte[PeerCodec.LENGTH_FIELD_BYTES + buf.readableBytes()];
            ByteBuffer.wrap(bytes).putInt(buf.readableBytes());
            buf.readBytes(bytes, PeerCodec.LENGTH_FIELD_BYTES, buf.readableBytes());
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Seeded random bytes behind a length prefix that announces exactly them. */
    private static byte[] randomFrame(int size) {
        byte[] bytes = new byte[size];
        new Random(20_240_601).nextBytes(bytes);
        ByteBuffer.wrap(bytes).putInt(0, size - PeerCodec.LENGTH_FIELD_BYTES);
        return bytes;
    }

    /** A length prefix and a few bytes, fewer than it announces when it is positive. */
    private static byte[] lengthOnly(int length) {
        return ByteBuffer.allocate(PeerCodec.LENGTH_FIELD_BYTES + 8).putInt(length).array();
    }
}
