package org.raftteller.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonObject;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;

/**
 * Five real nodes on loopback, each a {@link RaftServer} with its own Netty loop, ephemeral ports
 * and a data directory under a test's temporary directory, at the Real preset with fsync on.
 *
 * <p>A node is stopped with {@link RaftServer#crash()}, nothing graceful, and started again from
 * its directory with the very same {@link NodeConfig}: its ports are chosen anew, and every node
 * is told the new address with {@link RaftServer#connect}.
 *
 * <p>It also watches for the one thing a test of live nodes can check about elections: that no
 * term ever has two leaders.
 */
final class FiveNodes implements AutoCloseable {

    static final List<Integer> IDS = List.of(1, 2, 3, 4, 5);
    static final int MAJORITY = 3;
    static final String CLUSTER_ID = "nodetests";
    /** Generous, for elections on a busy two-core machine; conditions are polled, never slept. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Path root;
    private final Map<Integer, RaftServer> running = new ConcurrentHashMap<>();
    private final Map<Integer, InetSocketAddress> peerAddresses = new ConcurrentHashMap<>();
    private final Map<Long, Integer> leaderOfTerm = new ConcurrentHashMap<>();
    private final List<String> twoLeaders = new CopyOnWriteArrayList<>();
    /** Pairs (from, to) for which a frame was dropped because the link was down. */
    private final Set<List<Integer>> dropped = ConcurrentHashMap.newKeySet();

    private FiveNodes(Path root) {
        this.root = root;
    }

    /** Starts five nodes in {@code root} and connects them; returns once all listen. */
    static FiveNodes start(Path root) {
        FiveNodes nodes = new FiveNodes(root);
        try {
            for (int id : IDS) {
                nodes.launch(id);
            }
            Map<Integer, InetSocketAddress> addresses = Map.copyOf(nodes.peerAddresses);
            nodes.running.values().forEach(s -> s.connect(addresses));
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
        return nodes;
    }

    /** The configuration node {@code id} always starts with: every port left to the system. */
    NodeConfig config(int id) {
        Map<Integer, InetSocketAddress> cluster = new TreeMap<>();
        for (int i : IDS) {
            cluster.put(i, new InetSocketAddress(LOOPBACK, 0));
        }
        return new NodeConfig(id, cluster, 0, dataDir(id), Timing.REAL, true, CLUSTER_ID);
    }

    Path dataDir(int id) {
        return root.resolve("node-" + id);
    }

    // ---------------------------------------------------------------- faults

    /** Crashes a node: its loop stops at once, nothing pending is answered. */
    void crash(int id) {
        dropped.removeIf(pair -> pair.get(1) == id);
        RaftServer server = running.remove(id);
        assertThat(server).as("node %d is running", id).isNotNull();
        server.crash();
    }

    /**
     * Starts a crashed node again from its data directory with its original configuration, and
     * tells every node where it now listens.
     *
     * @throws NodeStartException (or the storage's exception) when the node refuses to start
     */
    RaftServer restart(int id) {
        assertThat(running).as("node %d is crashed", id).doesNotContainKey(id);
        RaftServer server = launch(id);
        server.connect(Map.copyOf(peerAddresses));
        running.forEach((other, s) -> {
            if (other != id) {
                s.connect(Map.of(id, server.peerAddress()));
            }
        });
        return server;
    }

    private RaftServer launch(int id) {
        RaftServer server = RaftServer.start(config(id), new Watch());
        running.put(id, server);
        peerAddresses.put(id, server.peerAddress());
        return server;
    }

    // ---------------------------------------------------------------- looking

    RaftServer node(int id) {
        RaftServer server = running.get(id);
        assertThat(server).as("node %d is running", id).isNotNull();
        return server;
    }

    List<Integer> runningIds() {
        return IDS.stream().filter(running::containsKey).toList();
    }

    InetSocketAddress clientAddress(int id) {
        return node(id).clientAddress();
    }

    InetSocketAddress peerAddress(int id) {
        return node(id).peerAddress();
    }

    LineClient client(int id) {
        return LineClient.connect(clientAddress(id));
    }

    /**
     * The leader that a majority of the running nodes, itself included, know in the same term;
     * 0 when there is none. A deposed leader that has not noticed yet does not count.
     */
    int leader() {
        Map<List<Long>, Integer> followers = new HashMap<>();
        for (RaftServer s : running.values()) {
            NodeState state = s.state();
            if (state != null && state.raft().leader() != 0) {
                followers.merge(List.of(state.raft().term(), (long) state.raft().leader()), 1,
                        Integer::sum);
            }
        }
        for (Map.Entry<List<Long>, Integer> e : followers.entrySet()) {
            long term = e.getKey().get(0);
            int leader = e.getKey().get(1).intValue();
            RaftServer server = running.get(leader);
            if (e.getValue() >= MAJORITY && server != null && server.state() != null
                    && server.state().raft().role() == Role.LEADER
                    && server.state().raft().term() == term) {
                return leader;
            }
        }
        return 0;
    }

    int awaitLeader() {
        return await().until(this::leader, id -> id != 0);
    }

    /** Waits for a leader that is none of {@code excluded}. */
    int awaitLeaderOtherThan(Integer... excluded) {
        List<Integer> not = List.of(excluded);
        return await().until(this::leader, id -> id != 0 && !not.contains(id));
    }

    /** Waits for a leader that every running node knows, in the leader's own term. */
    int awaitLeaderKnownByAll(Integer... excluded) {
        List<Integer> not = List.of(excluded);
        return await().until(() -> {
            int leader = leader();
            if (leader == 0 || not.contains(leader)) {
                return 0;
            }
            long term = status(leader).term();
            boolean all = runningIds().stream().map(id -> node(id).state().raft())
                    .allMatch(s -> s.leader() == leader && s.term() == term);
            return all ? leader : 0;
        }, id -> id != 0);
    }

    /** The running nodes other than the current leader. */
    List<Integer> followers() {
        int leader = awaitLeader();
        return runningIds().stream().filter(id -> id != leader).toList();
    }

    RaftStatus status(int id) {
        return node(id).state().raft();
    }

    /** The node that became leader in {@code term}, or null if none did. */
    Integer leaderOfTerm(long term) {
        return leaderOfTerm.get(term);
    }

    /** Whether node {@code id} has been elected leader in some term. */
    boolean wasLeader(int id) {
        return leaderOfTerm.containsValue(id);
    }

    /** Waits until every running node has applied the same entries and holds {@code balance}. */
    void awaitEveryNodeHolds(long balance) {
        await().untilAsserted(() -> {
            List<Long> applied = new ArrayList<>();
            for (int id : runningIds()) {
                NodeState state = node(id).state();
                assertThat(state).as("node %d has published its state", id).isNotNull();
                assertThat(state.balance()).as("balance on node %d, %s", id, state)
                        .isEqualTo(balance);
                assertThat(state.lastApplied()).as("applied on node %d, %s", id, state)
                        .isEqualTo(state.raft().commitIndex());
                applied.add(state.lastApplied());
            }
            assertThat(applied).as("lastApplied of nodes %s", runningIds()).containsOnly(
                    applied.get(0));
        });
    }

    /**
     * Waits until node {@code from} has dropped a frame for {@code to} since {@code to} last
     * crashed: proof that it has found its link to {@code to} gone.
     */
    void awaitDropped(int from, int to) {
        await().until(() -> dropped.contains(List.of(from, to)));
    }

    void assertNoTermHadTwoLeaders() {
        assertThat(twoLeaders).as("terms with two leaders").isEmpty();
    }

    // ---------------------------------------------------------------- talking

    /** The linearizable balance, asked through node {@code id} until it answers. */
    long balanceVia(int id) {
        try (LineClient client = client(id)) {
            JsonObject answer = client.callUntilDecided(Requests.balance("balance-via-" + id));
            assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isTrue();
            return answer.get("balance").getAsLong();
        }
    }

    /**
     * Sends {@code line}, which carries a client and seq, until its outcome is decided: a node
     * that answers no_leader, timeout or unavailable, or cannot be reached, is asked again (the
     * next running node each time), as the protocol tells a client to. Returns the decision.
     */
    JsonObject decide(String line) {
        int[] turn = {0};
        return await().until(() -> {
            List<Integer> ids = runningIds();
            int id = ids.get(turn[0]++ % ids.size());
            try (LineClient client = client(id)) {
                return client.call(line);
            } catch (RuntimeException | AssertionError e) {
                return null; // crashed under us, or no answer: ask again
            }
        }, answer -> answer != null && LineClient.isDecided(answer));
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10));
    }

    @Override
    public void close() {
        for (RaftServer server : running.values()) {
            server.close();
        }
        running.clear();
    }

    /** Hears elections and dropped frames; runs on the nodes' loops, so it only records. */
    private final class Watch implements NodeObserver {
        @Override
        public void messageDropped(MessageTrace trace, String reason) {
            dropped.add(List.of(trace.from(), trace.to()));
        }

        @Override
        public void raftEvents(int node, List<RaftEvent> events) {
            for (RaftEvent e : events) {
                if (e instanceof RaftEvent.BecameLeader b) {
                    Integer earlier = leaderOfTerm.putIfAbsent(b.term(), node);
                    if (earlier != null && earlier != node) {
                        twoLeaders.add("term " + b.term() + ": nodes " + earlier + " and " + node);
                    }
                }
            }
        }
    }
}
