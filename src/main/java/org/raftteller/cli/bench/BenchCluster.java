package org.raftteller.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.raftteller.node.NodeConfig;
import org.raftteller.node.NodeObserver;
import org.raftteller.node.NodeStartException;
import org.raftteller.node.NodeState;
import org.raftteller.node.RaftServer;
import org.raftteller.node.Timing;
import org.raftteller.node.client.ClientRequest;
import org.raftteller.node.client.Op;
import org.raftteller.node.client.OperationResult;
import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.Role;

/**
 * Five nodes in this JVM as the {@code node} command runs them, durable storage in a temporary
 * directory removed at close. Unlike the visualiser's LocalCluster it relays no events: the
 * nodes are observed only for their elections, so the figures are those of the nodes, not of
 * the GUI's event stream.
 *
 * <p>Ports are below Linux's ephemeral range (32768 and up, which outgoing connections draw
 * from), so a crashed node can always be revived on its old ports.
 */
final class BenchCluster implements AutoCloseable {

    private static final int ATTEMPTS = 5;
    private static final int LOWEST_BASE_PORT = 12_000;
    private static final int BASE_PORT_CHOICES = 100;
    private static final CompletableFuture<OperationResult> CRASHED = CompletableFuture
            .completedFuture(OperationResult.failure(
                    org.raftteller.node.client.ErrorCode.UNAVAILABLE, "the node is crashed"));

    private final Path dataDir;
    private final LeaderWatch watch;
    private final Map<Integer, NodeConfig> configs = new TreeMap<>();
    private final Map<Integer, RaftServer> servers = new ConcurrentHashMap<>();

    private BenchCluster(Path dataDir, LeaderWatch watch) {
        this.dataDir = dataDir;
        this.watch = watch;
    }

    /** Starts five nodes; elections are reported to {@code watch}. */
    static BenchCluster start(boolean fsync, LeaderWatch watch, SplittableRandom random) {
        NodeStartException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = LOWEST_BASE_PORT + 200 * random.nextInt(BASE_PORT_CHOICES);
            BenchCluster cluster;
            try {
                cluster = new BenchCluster(Files.createTempDirectory("raft-teller-bench-"), watch);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary data directory", e);
            }
            try {
                cluster.startAll(base, fsync);
                return cluster;
            } catch (NodeStartException e) {
                cluster.close();
                last = e; // a port was taken: try another base
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
        throw last;
    }

    private void startAll(int base, boolean fsync) {
        Map<Integer, InetSocketAddress> peers = new TreeMap<>();
        for (int i = 1; i <= BenchSettings.NODES; i++) {
            peers.put(i, new InetSocketAddress("127.0.0.1", base + i));
        }
        for (int i = 1; i <= BenchSettings.NODES; i++) {
            configs.put(i, new NodeConfig(i, peers, base + 100 + i, dataDir.resolve("node-" + i),
                    Timing.REAL, fsync, "bench"));
        }
        for (int i : configs.keySet()) {
            servers.put(i, RaftServer.start(configs.get(i), new Elections(i)));
        }
    }

    List<Integer> ids() {
        return List.copyOf(configs.keySet());
    }

    /** The node's latest state, or null while it is down or has published none. */
    NodeState state(int id) {
        RaftServer s = servers.get(id);
        return s == null ? null : s.state();
    }

    /** The running leader with the highest term, or 0. */
    int leader() {
        int leader = 0;
        long term = -1;
        for (RaftServer s : servers.values()) {
            NodeState st = s.state();
            if (st != null && st.raft().role() == Role.LEADER && st.raft().term() > term) {
                leader = st.raft().id();
                term = st.raft().term();
            }
        }
        return leader;
    }

    /** A credit of one cent run on {@code node} as if it came from its client port. */
    CompletableFuture<OperationResult> credit(int node) {
        RaftServer s = servers.get(node);
        return s == null ? CRASHED : s.execute(ClientRequest.of(Op.CREDIT, 1));
    }

    InetSocketAddress clientAddress(int id) {
        return new InetSocketAddress("127.0.0.1", configs.get(id).clientPort());
    }

    /** Crashes a node as a kill would: no hand-over, nothing more sent. */
    void crash(int id) {
        RaftServer s = servers.remove(id);
        if (s != null) {
            s.crash();
        }
    }

    /** Starts a crashed node again from its data directory, on its old ports. */
    void revive(int id) {
        servers.put(id, RaftServer.start(configs.get(id), new Elections(id)));
    }

    @Override
    public void close() {
        List<RaftServer> running = new ArrayList<>(servers.values());
        servers.clear();
        running.forEach(RaftServer::close);
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary directory; nothing else depends on it.
        }
    }

    /** Tells the watch when node {@code node} wins; ignores everything else. */
    private final class Elections implements NodeObserver {
        private final int node;

        Elections(int node) {
            this.node = node;
        }

        @Override
        public void raftEvents(int id, List<RaftEvent> events) {
            for (RaftEvent e : events) {
                if (e instanceof RaftEvent.BecameLeader b) {
                    watch.won(node, b.term());
                }
            }
        }
    }
}
