package org.raftteller.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.raftteller.node.MessageTrace;
import org.raftteller.node.NodeConfig;
import org.raftteller.node.NodeObserver;
import org.raftteller.node.NodeState;
import org.raftteller.node.RaftServer;
import org.raftteller.node.client.ClientRequest;
import org.raftteller.node.client.Op;
import org.raftteller.node.client.OperationResult;
import org.raftteller.raft.Entry;
import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of real nodes in this process, on loopback, each with its own data directory: what
 * the visualiser drives and the headless {@code cluster} command runs. Nodes can be crashed and
 * revived from their disks, the whole cluster paused and resumed, and its tempo changed.
 *
 * <p>Observers hear a {@link ClusterEvent} stream from the nodes' threads.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    /**
     * How to start a cluster.
     *
     * @param basePort 0 for free ports chosen by the system; otherwise node i listens for peers
     *                 on base+i and for clients on base+100+i
     * @param dataDir  where the nodes keep their data; null for a temporary directory removed at
     *                 close
     */
    public record Options(int size, String host, int basePort, Path dataDir, Tempo tempo,
                          boolean fsync) {

        public Options {
            if (size < 1 || size > 9) {
                throw new IllegalArgumentException("a local cluster has 1 to 9 nodes, not " + size);
            }
            if (basePort < 0 || basePort + 100 + size > 65_535) {
                throw new IllegalArgumentException("base port " + basePort + " leaves no room for "
                        + size + " nodes");
            }
        }

        public static Options defaults() {
            return new Options(5, "127.0.0.1", 0, null, Tempo.CLASSROOM, true);
        }

        public Options withSize(int n) {
            return new Options(n, host, basePort, dataDir, tempo, fsync);
        }

        public Options withBasePort(int port) {
            return new Options(size, host, port, dataDir, tempo, fsync);
        }

        public Options withDataDir(Path dir) {
            return new Options(size, host, basePort, dir, tempo, fsync);
        }

        public Options withTempo(Tempo t) {
            return new Options(size, host, basePort, dataDir, t, fsync);
        }

        public Options withFsync(boolean on) {
            return new Options(size, host, basePort, dataDir, tempo, on);
        }
    }

    private final Options options;
    private final Path dataDir;
    private final boolean temporary;
    private final Map<Integer, NodeConfig> configs = new TreeMap<>();
    private final Map<Integer, RaftServer> servers = new HashMap<>();
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private Map<Integer, InetSocketAddress> peerAddresses = Map.of();
    private Map<Integer, InetSocketAddress> clientAddresses = Map.of();
    private volatile Tempo tempo;
    private volatile boolean paused;
    private boolean closed;

    private LocalCluster(Options options) throws IOException {
        this.options = options;
        this.tempo = options.tempo();
        this.temporary = options.dataDir() == null;
        this.dataDir = temporary ? Files.createTempDirectory("raft-teller-") : options.dataDir();
    }

    /** Starts every node and connects them; returns once all listen. */
    public static LocalCluster start(Options options, Consumer<ClusterEvent> listener) {
        LocalCluster cluster;
        try {
            cluster = new LocalCluster(options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for the cluster", e);
        }
        if (listener != null) {
            cluster.listeners.add(listener);
        }
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private synchronized void startAll() {
        Map<Integer, InetSocketAddress> requested = new TreeMap<>();
        for (int i = 1; i <= options.size(); i++) {
            int port = options.basePort() == 0 ? 0 : options.basePort() + i;
            requested.put(i, new InetSocketAddress(options.host(), port));
        }
        for (int i = 1; i <= options.size(); i++) {
            int clientPort = options.basePort() == 0 ? 0 : options.basePort() + 100 + i;
            NodeConfig config = new NodeConfig(i, requested, clientPort,
                    dataDir.resolve("node-" + i), tempo.timing(), options.fsync(), "local");
            configs.put(i, config);
            servers.put(i, RaftServer.start(config, new Relay(i)));
        }
        Map<Integer, InetSocketAddress> peers = new TreeMap<>();
        Map<Integer, InetSocketAddress> clients = new TreeMap<>();
        servers.forEach((i, s) -> {
            peers.put(i, s.peerAddress());
            clients.put(i, s.clientAddress());
        });
        peerAddresses = Map.copyOf(peers);
        clientAddresses = Map.copyOf(clients);
        // From now on every node, revived ones too, uses the ports chosen at the first start.
        configs.replaceAll((i, c) -> c.withCluster(peers).withClientPort(clients.get(i).getPort()));
        servers.values().forEach(s -> s.connect(peers));
    }

    // ---------------------------------------------------------------- observation

    public void addListener(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ClusterEvent> listener) {
        listeners.remove(listener);
    }

    public List<Integer> ids() {
        return List.copyOf(configs.keySet());
    }

    public synchronized boolean isUp(int id) {
        return servers.containsKey(id);
    }

    /** The node as last published, or a down view if it is crashed. */
    public synchronized NodeView view(int id) {
        RaftServer s = servers.get(id);
        if (s == null || s.state() == null) {
            return new NodeView(id, false, paused, null, 0, 0);
        }
        return view(id, s.state());
    }

    private static NodeView view(int id, NodeState state) {
        return new NodeView(id, true, state.paused(), state.raft(), state.lastApplied(),
                state.balance());
    }

    /** The running leader with the highest term, or 0 when none is known. */
    public synchronized int leader() {
        return servers.values().stream()
                .map(RaftServer::state)
                .filter(st -> st != null && st.raft().role() == Role.LEADER)
                .max(Comparator.comparingLong(st -> st.raft().term()))
                .map(st -> st.raft().id())
                .orElse(0);
    }

    public InetSocketAddress clientAddress(int id) {
        return clientAddresses.get(id);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Tempo tempo() {
        return tempo;
    }

    public boolean isPaused() {
        return paused;
    }

    // ---------------------------------------------------------------- operations

    public CompletableFuture<Answer> credit(int node, long cents) {
        return run(node, ClientRequest.of(Op.CREDIT, cents));
    }

    public CompletableFuture<Answer> debit(int node, long cents) {
        return run(node, ClientRequest.of(Op.DEBIT, cents));
    }

    /** A linearizable balance query through {@code node}. */
    public CompletableFuture<Answer> balance(int node) {
        return run(node, ClientRequest.of(Op.BALANCE, 0));
    }

    private CompletableFuture<Answer> run(int node, ClientRequest request) {
        RaftServer server;
        synchronized (this) {
            server = servers.get(node);
        }
        if (server == null) {
            return CompletableFuture.completedFuture(new Answer(false, "unavailable",
                    "node " + node + " is crashed", null, null, null, node, null));
        }
        return server.execute(request).thenApply(r -> answer(node, r));
    }

    private static Answer answer(int node, OperationResult r) {
        return new Answer(r.ok(), r.ok() ? null : r.error().wireName(), r.message(), r.balance(),
                r.index(), r.term(), node, r.leader() == 0 ? null : r.leader());
    }

    // ---------------------------------------------------------------- faults and tempo

    /** Crashes a node as abruptly as this process can: its disk stays, its memory is gone. */
    public void crash(int id) {
        RaftServer server;
        synchronized (this) {
            server = servers.remove(id);
        }
        if (server == null) {
            return;
        }
        server.crash();
        LOG.info("cluster: node {} crashed", id);
        publish(new ClusterEvent.NodeCrashed(id));
    }

    /** Restarts a crashed node from its data directory, on its old ports. */
    public void revive(int id) {
        NodeConfig config;
        synchronized (this) {
            if (closed || servers.containsKey(id) || !configs.containsKey(id)) {
                return;
            }
            config = configs.get(id).withTiming(tempo.timing());
        }
        RaftServer server = RaftServer.start(config, new Relay(id));
        synchronized (this) {
            servers.put(id, server);
        }
        if (paused) {
            server.pause();
        }
        LOG.info("cluster: node {} revived", id);
    }

    /** Crashes the current leader; returns its id, or 0 if there was none. */
    public int killLeader() {
        int leader = leader();
        if (leader != 0) {
            crash(leader);
        }
        return leader;
    }

    public synchronized void pause() {
        paused = true;
        servers.values().forEach(RaftServer::pause);
    }

    public synchronized void resume() {
        paused = false;
        servers.values().forEach(RaftServer::resume);
    }

    public synchronized void setTempo(Tempo newTempo) {
        tempo = newTempo;
        servers.values().forEach(s -> s.retime(newTempo.timing()));
    }

    @Override
    public void close() {
        List<RaftServer> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(servers.values());
            servers.clear();
        }
        running.forEach(RaftServer::close);
        if (temporary) {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cluster: could not remove {}: {}", dir, e.getMessage());
        }
    }

    private void publish(ClusterEvent event) {
        for (Consumer<ClusterEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("cluster: a listener failed on {}: {}", event, e.toString());
            }
        }
    }

    /** Turns one node's observations into cluster events. */
    private final class Relay implements NodeObserver {
        private final int node;

        Relay(int node) {
            this.node = node;
        }

        @Override
        public void started(int id, List<Entry> log) {
            publish(new ClusterEvent.NodeRevived(node, log));
        }

        @Override
        public void messageSent(MessageTrace t) {
            publish(new ClusterEvent.MessageSent(node, t.to(), t.traceId(), t.message(), t.summary(),
                    t.sentAtMillis(), t.transitMillis()));
        }

        @Override
        public void messageDelivered(MessageTrace t) {
            publish(new ClusterEvent.MessageDelivered(node, t.from(), t.traceId(), t.sentAtMillis()));
        }

        @Override
        public void messageDropped(MessageTrace t, String reason) {
            publish(new ClusterEvent.MessageDropped(node, t.to(), t.traceId(), reason));
        }

        @Override
        public void raftEvents(int id, List<RaftEvent> events) {
            publish(new ClusterEvent.RaftEvents(node, events));
        }

        @Override
        public void logChanged(int id, List<Entry> entries) {
            publish(new ClusterEvent.LogChanged(node, entries));
        }

        @Override
        public void stateChanged(int id, NodeState state) {
            publish(new ClusterEvent.StateChanged(node, view(node, state)));
        }
    }
}
