package org.raftteller.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.Requests.balance;
import static org.raftteller.node.Requests.credit;
import static org.raftteller.node.Requests.status;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on the client port: each line gets one bad_request with a message, changes nothing,
 * and leaves its connection serving. The nodes are real and the bytes go over TCP, so the line
 * splitting, the size limit and the UTF-8 decoding are tested too, not only the parser.
 */
class ClientBadInputTest {

    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final AtomicInteger NEXT_NODE = new AtomicInteger();

    @TempDir
    static Path dir;
    private static FiveNodes nodes;

    @BeforeAll
    static void startCluster() {
        nodes = FiveNodes.start(dir);
        nodes.awaitLeader();
        try (LineClient client = nodes.client(1)) {
            assertThat(client.call(credit(null, 10_000)).get("ok").getAsBoolean()).isTrue();
        }
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.assertNoTermHadTwoLeaders();
            nodes.close();
        }
    }

    /**
     * What a bad line is, the id its answer must echo (null: none), and a word its message must
     * contain (null: any sentence).
     */
    static Stream<Arguments> badLines() {
        return Stream.of(
                bad("malformed JSON", "{\"op\":\"credit\",\"amount\":500", null, null),
                bad("not JSON at all", "credit 500", null, null),
                bad("an array", "[{\"op\":\"credit\",\"amount\":500}]", null, null),
                bad("an empty line", "", null, null),
                bad("a blank line", "   ", null, null),
                bad("an unknown op", "{\"id\":\"u\",\"op\":\"transfer\",\"amount\":500}", "u",
                        "op"),
                bad("no op", "{\"id\":3,\"amount\":500}", 3L, "op"),
                bad("a missing amount", "{\"id\":4,\"op\":\"credit\"}", 4L, "amount"),
                bad("a zero amount", "{\"op\":\"debit\",\"amount\":0}", null, "amount"),
                bad("a negative amount", "{\"op\":\"credit\",\"amount\":-500}", null, "amount"),
                bad("an amount over 10^12", "{\"op\":\"credit\",\"amount\":1000000000001}", null,
                        "amount"),
                bad("an amount beyond 64 bits",
                        "{\"op\":\"credit\",\"amount\":99999999999999999999999}", null, "amount"),
                bad("an amount as a string", "{\"op\":\"credit\",\"amount\":\"500\"}", null,
                        "amount"),
                bad("an amount with a fraction", "{\"op\":\"credit\",\"amount\":12.5}", null,
                        "amount"),
                bad("an amount with an exponent", "{\"op\":\"credit\",\"amount\":5e2}", null,
                        "amount"),
                bad("an amount twice",
                        "{\"op\":\"credit\",\"amount\":500,\"amount\":600}", null, null),
                bad("a client without seq",
                        "{\"id\":\"c\",\"op\":\"credit\",\"amount\":500,\"client\":\"alice\"}", "c",
                        "seq"),
                bad("a seq without client", "{\"op\":\"credit\",\"amount\":500,\"seq\":1}", null,
                        "client"),
                bad("seq zero",
                        "{\"op\":\"credit\",\"amount\":500,\"client\":\"alice\",\"seq\":0}", null,
                        "seq"),
                bad("a client with a space",
                        "{\"op\":\"credit\",\"amount\":500,\"client\":\"al ice\",\"seq\":1}", null,
                        "client"),
                bad("an id that is an object", "{\"id\":{},\"op\":\"credit\",\"amount\":500}",
                        null, "id"),
                bad("an id with a fraction", "{\"id\":1.5,\"op\":\"credit\",\"amount\":500}",
                        null, "id"),
                badBytes("a byte that is never UTF-8", bytes("{\"op\":\"credit\",\"amount\":500,"
                        + "\"client\":\"", new byte[] {(byte) 0xFF}, "\",\"seq\":1}"), "UTF-8"),
                badBytes("an overlong encoding of '\"'", bytes("{\"op\":\"credit\",\"amount\":"
                        + "500,\"client\":\"a", new byte[] {(byte) 0xC0, (byte) 0xA2}, "\"}"),
                        "UTF-8"),
                badBytes("an encoded surrogate", bytes("{\"op\":\"credit\",\"amount\":500,"
                        + "\"id\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                        "UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void badLineIsAnsweredWithBadRequestAndChangesNothing(String what, byte[] line,
                                                          Object echoedId, String mentions) {
        int node = NEXT_NODE.getAndIncrement() % FiveNodes.IDS.size() + 1;
        try (LineClient client = nodes.client(node)) {
            long before = client.call(balance(null)).get("balance").getAsLong();

            JsonObject answer = client.sendBytes(line).receive();

            assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isFalse();
            assertThat(answer.get("error").getAsString()).isEqualTo("bad_request");
            assertThat(answer.get("message").getAsString()).isNotBlank();
            if (mentions != null) {
                assertThat(answer.get("message").getAsString()).contains(mentions);
            }
            if (echoedId instanceof String id) {
                assertThat(answer.get("id").getAsString()).isEqualTo(id);
            } else if (echoedId instanceof Long id) {
                assertThat(answer.get("id").getAsLong()).isEqualTo(id);
            } else {
                assertThat(answer.has("id")).as("%s", answer).isFalse();
            }
            assertThat(answer.get("node").getAsInt()).isEqualTo(node);
            JsonObject after = client.call(balance("after"));
            assertThat(after.get("ok").getAsBoolean()).as("%s", after).isTrue();
            assertThat(after.get("balance").getAsLong()).isEqualTo(before);
        }
    }

    @Test
    void lineOfExactly64KiBIsServed() {
        String request = "{\"id\":\"edge\",\"op\":\"balance\"}";
        String line = request + " ".repeat(MAX_LINE_BYTES - request.length());
        try (LineClient client = nodes.client(2)) {

            JsonObject answer = client.call(line);

            assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isTrue();
            assertThat(answer.get("id").getAsString()).isEqualTo("edge");
        }
    }

    @Test
    void linesOver64KiBAreRefusedAndTheConnectionStaysUsable() {
        String request = "{\"op\":\"credit\",\"amount\":500}";
        String justOver = request + " ".repeat(MAX_LINE_BYTES + 1 - request.length());
        String mebibyte = "{\"op\":\"credit\",\"amount\":500,\"pad\":\"" + "x".repeat(1 << 20)
                + "\"}";
        try (LineClient client = nodes.client(3)) {
            long before = client.call(balance(null)).get("balance").getAsLong();

            for (String line : List.of(justOver, mebibyte)) {
                JsonObject answer = client.call(line);

                assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isFalse();
                assertThat(answer.get("error").getAsString()).isEqualTo("bad_request");
                assertThat(answer.get("message").getAsString()).contains("64 KiB");
            }
            JsonObject after = client.call(balance("after"));
            assertThat(after.get("ok").getAsBoolean()).as("%s", after).isTrue();
            assertThat(after.get("balance").getAsLong()).isEqualTo(before);
        }
    }

    @Test
    void manyConnectionsWithBadInputAreAllServed() {
        int perNode = 40;
        long before = nodes.balanceVia(1);
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < perNode * FiveNodes.IDS.size(); i++) {
                clients.add(nodes.client(i % FiveNodes.IDS.size() + 1));
            }

            for (LineClient client : clients) {
                client.send("{\"op\":\"credit\",\"amount\":").send(status("s")).send(credit("c", 1));
            }

            for (LineClient client : clients) {
                List<JsonObject> answers = List.of(client.receive(), client.receive(),
                        client.receive());
                assertThat(answers).filteredOn(a -> !a.has("id")).singleElement()
                        .satisfies(a -> assertThat(a.get("error").getAsString())
                                .isEqualTo("bad_request"));
                assertThat(answers).filteredOn(a -> a.has("id"))
                        .allSatisfy(a -> assertThat(a.get("ok").getAsBoolean()).as("%s", a)
                                .isTrue());
            }
        } finally {
            clients.forEach(LineClient::close);
        }
        assertThat(nodes.balanceVia(4)).isEqualTo(before + clients.size());
    }

    private static Arguments bad(String what, String line, Object echoedId, String mentions) {
        return Arguments.of(what, (line + "\n").getBytes(UTF_8), echoedId, mentions);
    }

    private static Arguments badBytes(String what, byte[] line, String mentions) {
        return Arguments.of(what, line, null, mentions);
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(UTF_8));
        out.writeBytes(raw);
        out.writeBytes((after + "\n").getBytes(UTF_8));
        return out.toByteArray();
    }
}
