package org.raftteller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.node.Requests.balance;
import static org.raftteller.node.Requests.credit;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes crashed as a kill would: the loop stops at once and nothing graceful runs. Each test has
 * its own five nodes, since each leaves the cluster changed.
 */
class NodeCrashTest {

    @TempDir
    Path dir;
    private FiveNodes nodes;

    @BeforeEach
    void startCluster() {
        nodes = FiveNodes.start(dir);
    }

    @AfterEach
    void stopCluster() {
        nodes.assertNoTermHadTwoLeaders();
        nodes.close();
    }

    @Test
    void killingTheLeaderElectsAnotherAndServingContinues() {
        int leader = nodes.awaitLeader();
        long term = nodes.status(leader).term();
        int follower = nodes.followers().get(0);
        long balance = decidedVia(follower, credit("before", 1_000, "failover", 1)).get("balance")
                .getAsLong();

        nodes.crash(leader);
        JsonObject duringFailover;
        try (LineClient reader = nodes.client(follower)) {
            // A read, which is never proposed, sent while the follower still names the dead
            // leader: its forward is what shows the follower has found the link gone.
            reader.send(balance("probe"));
            nodes.awaitDropped(follower, leader);
            duringFailover = succeeds(follower, credit("during", 50, "failover", 2));
        }

        int newLeader = nodes.awaitLeaderOtherThan(leader);
        assertThat(nodes.status(newLeader).term()).isGreaterThan(term);
        assertThat(duringFailover.get("leader").getAsInt()).isEqualTo(newLeader);
        balance += 50;
        assertThat(duringFailover.get("balance").getAsLong()).isEqualTo(balance);
        nodes.awaitLeaderKnownByAll();
        for (int id : nodes.runningIds()) {
            balance += id;
            JsonObject answer = decidedVia(id, credit("after", id, "after-" + id, 1));
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            assertThat(answer.get("leader").getAsInt()).isEqualTo(newLeader);
        }
        nodes.awaitEveryNodeHolds(balance);
    }

    @Test
    void killingTwoOfFiveKeepsServing() {
        int leader = nodes.awaitLeader();
        int follower = nodes.followers().get(0);
        long balance = decidedVia(follower, credit(null, 1_000, "funds", 1)).get("balance")
                .getAsLong();

        nodes.crash(leader);
        nodes.crash(follower);

        nodes.awaitLeaderKnownByAll(leader);
        for (int id : nodes.runningIds()) {
            balance += 10 * id;
            JsonObject answer = decidedVia(id, credit(null, 10 * id, "survivor-" + id, 1));
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
        }
        for (int id : nodes.runningIds()) {
            assertThat(nodes.balanceVia(id)).isEqualTo(balance);
        }
        nodes.restart(leader);
        nodes.restart(follower);
        nodes.awaitEveryNodeHolds(balance);
    }

    @Test
    void killingThreeOfFiveNeverAnswersOkAndAfterRevivalEveryWriteIsAppliedOnce() {
        int leader = nodes.awaitLeader();
        List<Integer> followers = nodes.followers();
        int survivor = followers.get(0);
        long balance = decidedVia(survivor, credit(null, 1_000, "funds", 1)).get("balance")
                .getAsLong();
        List<Integer> killed = followers.subList(1, 4);

        killed.forEach(nodes::crash);
        Map<String, CompletableFuture<JsonObject>> duringOutage = new TreeMap<>();
        for (int id : List.of(leader, survivor)) {
            duringOutage.put("credit via " + id, ask(id, credit(1, 100 * id, "outage-" + id, 1)));
            duringOutage.put("balance via " + id, ask(id, balance(2)));
        }

        for (Map.Entry<String, CompletableFuture<JsonObject>> e : duringOutage.entrySet()) {
            JsonObject answer = e.getValue().join();
            assertThat(answer.get("ok").getAsBoolean()).as("%s: %s", e.getKey(), answer).isFalse();
            assertThat(answer.get("error").getAsString()).as("%s: %s", e.getKey(), answer)
                    .isIn("no_leader", "timeout");
        }
        CompletableFuture<JsonObject> pending = ask(survivor, credit(3, 400, "pending", 1));
        killed.forEach(nodes::restart);
        JsonObject pendingAnswer = pending.join();
        if (!pendingAnswer.get("ok").getAsBoolean()) {
            assertThat(pendingAnswer.get("error").getAsString()).as("%s", pendingAnswer)
                    .isIn(LineClient.UNDECIDED);
            pendingAnswer = decide(credit(3, 400, "pending", 1));
        }
        assertThat(pendingAnswer.get("ok").getAsBoolean()).as("%s", pendingAnswer).isTrue();
        for (int id : List.of(leader, survivor)) {
            JsonObject retried = decide(credit(4, 100 * id, "outage-" + id, 1));
            assertThat(retried.get("ok").getAsBoolean()).as("%s", retried).isTrue();
        }
        balance += 100 * leader + 100 * survivor + 400;
        nodes.awaitEveryNodeHolds(balance);
        for (int id : FiveNodes.IDS) {
            assertThat(nodes.balanceVia(id)).isEqualTo(balance);
        }
    }

    @Test
    void crashedNodeClosesItsSocketsAsAKilledProcessWould() throws InterruptedException {
        nodes.awaitLeader();
        int victim = nodes.followers().get(0);
        RaftServer server = nodes.node(victim);
        InetSocketAddress clientPort = server.clientAddress();
        InetSocketAddress peerPort = server.peerAddress();
        LineClient connected = nodes.client(victim);
        // Work in progress when the crash comes: the loop is still running a task when it is
        // told to stop, which is when Netty may end it without closing its channels.
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch stopping = new CountDownLatch(1);
        server.loop().execute(() -> {
            busy.countDown();
            try {
                stopping.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();

        Thread crasher = new Thread(() -> nodes.crash(victim), "crasher");
        crasher.start();
        FiveNodes.await().until(server.loop()::isShuttingDown);
        stopping.countDown();
        crasher.join();

        assertThat(connected.closedByNode()).as("a client connection sees the end").isTrue();
        connected.close();
        for (InetSocketAddress port : List.of(clientPort, peerPort)) {
            assertThatThrownBy(() -> LineClient.connect(port).close())
                    .as("connecting to %s of the crashed node", port)
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    /**
     * Sends a request through node {@code id} until it is decided (a leader change may happen
     * at any time), and requires success.
     */
    private JsonObject decidedVia(int id, String line) {
        JsonObject answer;
        try (LineClient client = nodes.client(id)) {
            answer = client.callUntilDecided(line);
        }
        assertThat(answer.get("ok").getAsBoolean()).as("%s via node %d", answer, id).isTrue();
        return answer;
    }

    /** Sends a request through node {@code id}, which must succeed at the first try. */
    private JsonObject succeeds(int id, String line) {
        JsonObject answer;
        try (LineClient client = nodes.client(id)) {
            answer = client.call(line);
        }
        assertThat(answer.get("ok").getAsBoolean()).as("%s via node %d", answer, id).isTrue();
        return answer;
    }

    private JsonObject decide(String line) {
        return nodes.decide(line);
    }

    /** Sends a request on a connection of its own; the answer arrives later. */
    private CompletableFuture<JsonObject> ask(int id, String line) {
        LineClient client = nodes.client(id);
        client.send(line);
        return CompletableFuture.supplyAsync(() -> {
            try (client) {
                return client.receive();
            }
        });
    }
}
