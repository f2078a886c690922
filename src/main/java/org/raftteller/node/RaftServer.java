package org.raftteller.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;

import org.raftteller.bank.Bank;
import org.raftteller.node.peer.PeerFrame;
import org.raftteller.node.peer.PeerPayload;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Raft;
import org.raftteller.raft.RaftConfig;
import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.Ready;
import org.raftteller.storage.NodeIdentity;
import org.raftteller.storage.NodeStorage;
import org.raftteller.storage.StorageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Raft node: the pure core driven on a single Netty event loop, its durable storage,
 * its links to peers and its client service.
 *
 * <p>Every input (a tick, a peer message, a client request) runs on the event loop, so the core
 * needs no locks. After each input the node takes the core's {@link Ready} and carries it out in
 * the order the core demands: the storage writer makes its state and entries durable on its own
 * thread, and only when it reports back do the messages leave and the committed entries reach the
 * bank. Batches are completed strictly in the order they were taken, so nothing overtakes a write
 * it depends on, and the loop never waits for the disk.
 */
public final class RaftServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftServer.class);
    private static final AtomicLong TRACE_IDS = new AtomicLong();
    private static final String FORWARDED_REQUEST = "a client request forwarded to the leader";
    private static final String FORWARDED_ANSWER = "the leader's answer to a client";

    private final NodeConfig config;
    private final int id;
    private final NodeObserver observer;
    private final EventLoopGroup group;
    private final SingleThreadEventLoop loop;
    private final NodeStorage storage;
    private final StorageWriter writer;
    private final Raft raft;
    private final Bank bank = new Bank();
    private final PeerTransport transport;
    /** Every socket of the node, so that stopping it closes them all, as a dying process's. */
    private final ChannelGroup sockets;
    private final Operations operations;
    private final ClientServer clientServer;
    private final ArrayDeque<Stage> stages = new ArrayDeque<>();

    private InetSocketAddress peerAddress;
    private InetSocketAddress clientAddress;
    private ScheduledFuture<?> ticker;
    private Timing timing;
    private boolean paused;
    private final List<Runnable> heldWhilePaused = new ArrayList<>();
    private final List<Transit> inTransit = new ArrayList<>();
    private volatile NodeState lastState;
    private List<Entry> recoveredLog;
    private volatile boolean stopped;
    /** Whether a takeScheduledReady is due at the end of this loop turn. */
    private boolean readyScheduled;

    /** A batch from the core, waiting for its durable writes before it completes. */
    private static final class Stage {
        final Ready ready;
        boolean durable;

        Stage(Ready ready, boolean durable) {
            this.ready = ready;
            this.durable = durable;
        }
    }

    /** A message held back by the tempo's transit delay. */
    private final class Transit {
        final PeerFrame frame;
        final MessageTrace trace;
        long dueNanos;
        ScheduledFuture<?> timer;

        Transit(PeerFrame frame, MessageTrace trace, long dueNanos) {
            this.frame = frame;
            this.trace = trace;
            this.dueNanos = dueNanos;
        }

        void schedule() {
            long delay = Math.max(0, dueNanos - System.nanoTime());
            timer = loop.schedule(() -> {
                inTransit.remove(this);
                write(frame, trace);
                transport.flush();
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    private RaftServer(NodeConfig config, NodeObserver observer) throws IOException {
        this.config = config;
        this.id = config.id();
        this.observer = observer;
        this.timing = config.timing();
        this.storage = NodeStorage.open(config.dataDir(), NodeStorage.Options.defaults()
                .withIdentity(new NodeIdentity(id, config.clusterId()))
                .withFsync(config.fsync()));
        NodeStorage.Recovered recovered;
        try {
            recovered = storage.recover();
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // One thread per node, and tail tasks (see readySoon) need the single-threaded loop.
        this.loop = (SingleThreadEventLoop) group.next();
        this.writer = new StorageWriter("node " + id, storage, loop, this::storageFailed);
        Timing t = config.timing();
        RaftConfig raftConfig = new RaftConfig(id, List.copyOf(config.cluster().keySet()),
                t.electionTicksMin(), t.electionTicksMax(), t.heartbeatTicks(), true, true, 64, 64);
        this.raft = new Raft(raftConfig, recovered.hardState(), recovered.entries(),
                new SplittableRandom(System.nanoTime() ^ (31L * id)));
        this.sockets = new DefaultChannelGroup("node " + id, loop);
        this.transport = new PeerTransport(id, config.cluster().keySet(), config.clusterId(), loop,
                this::received, sockets);
        this.operations = new Operations(this);
        this.recoveredLog = recovered.entries();
        this.lastState = freshState();
        this.clientServer = new ClientServer(this, loop, sockets);
        LOG.info("node {}: recovered term {}, vote {}, {} log entries from {}", id,
                recovered.hardState().currentTerm(), recovered.hardState().votedFor(),
                recovered.entries().size(), config.dataDir());
    }

    /**
     * Recovers a node from its data directory and starts serving. Peers listed with port 0 are not
     * dialled until {@link #connect} gives their real addresses.
     *
     * @throws NodeStartException if a port is taken or the data directory cannot be used
     */
    public static RaftServer start(NodeConfig config, NodeObserver observer) {
        RaftServer server;
        try {
            server = new RaftServer(config, observer);
        } catch (IOException e) {
            throw new NodeStartException("node " + config.id() + " could not open its data in "
                    + config.dataDir() + ": " + e.getMessage(), e);
        }
        try {
            server.bindAndRun();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof NodeStartException nse ? nse
                    : new NodeStartException("node " + config.id() + " could not start: " + e, e);
        }
        return server;
    }

    private void bindAndRun() throws InterruptedException {
        peerAddress = transport.bind(config.peerAddress());
        clientAddress = clientServer.bind(new InetSocketAddress(config.peerAddress().getAddress(),
                config.clientPort()));
        boolean allKnown = config.cluster().values().stream().allMatch(a -> a.getPort() != 0);
        if (allKnown) {
            connect(config.cluster());
        }
        onLoop(() -> {
            observer.started(id, recoveredLog);
            recoveredLog = null;
            startTicker();
            publishState();
        });
        LOG.info("node {}: serving peers on {} and clients on {}", id, peerAddress, clientAddress);
    }

    /** Tells the node where its peers listen; for clusters whose ports were chosen at bind. */
    public void connect(Map<Integer, InetSocketAddress> addresses) {
        onLoop(() -> transport.connect(addresses));
    }

    // ---------------------------------------------------------------- public controls

    public int id() {
        return id;
    }

    public InetSocketAddress peerAddress() {
        return peerAddress;
    }

    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** The latest published state; safe from any thread. */
    public NodeState state() {
        return lastState;
    }

    /**
     * Runs one client operation as if it arrived on the client port, from any thread.
     */
    public CompletableFuture<org.raftteller.node.client.OperationResult> execute(
            org.raftteller.node.client.ClientRequest request) {
        CompletableFuture<org.raftteller.node.client.OperationResult> result = new CompletableFuture<>();
        onLoop(() -> operations.execute(request, result::complete));
        return result;
    }

    /**
     * Freezes the node: no ticks, and every message, client request and delayed delivery is held
     * with its remaining time, until {@link #resume()}.
     */
    public void pause() {
        onLoop(() -> {
            if (paused) {
                return;
            }
            paused = true;
            for (Transit t : inTransit) {
                t.timer.cancel(false);
                t.dueNanos -= System.nanoTime(); // now the time that remains
            }
            publishState();
        });
    }

    public void resume() {
        onLoop(() -> {
            if (!paused) {
                return;
            }
            paused = false;
            long now = System.nanoTime();
            for (Transit t : inTransit) {
                t.dueNanos += now;
                t.schedule();
            }
            List<Runnable> held = new ArrayList<>(heldWhilePaused);
            heldWhilePaused.clear();
            held.forEach(Runnable::run);
            publishState();
        });
    }

    /**
     * Changes the tempo: the tick length, the timeouts and the transit delay of messages sent from
     * now on. Messages already in flight keep their delay.
     */
    public void retime(Timing timing) {
        onLoop(() -> {
            this.timing = timing;
            raft.setTimeouts(timing.electionTicksMin(), timing.electionTicksMax(),
                    timing.heartbeatTicks());
            if (ticker != null) {
                ticker.cancel(false);
            }
            startTicker();
        });
    }

    public boolean isStopped() {
        return stopped;
    }

    /**
     * Stops the node as a crash would, as far as a process can crash part of itself: the event
     * loop stops at once, nothing pending is answered, no message is sent and no batch completes.
     * Writes already handed to the disk may still land, as they may in a real crash.
     */
    public void crash() {
        if (stopped) {
            return;
        }
        stopped = true;
        // A dead process's sockets close with it; closing them here frees the ports for a revive.
        try {
            closeSockets(() -> { });
        } catch (RuntimeException e) {
            LOG.debug("node {}: loop already stopped at crash", id);
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        writer.close();
        closeStorage();
        LOG.info("node {}: crashed", id);
    }

    /** Stops the node in an orderly way: pending clients get {@code unavailable}. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        try {
            closeSockets(operations::failAll);
        } catch (RuntimeException e) {
            LOG.debug("node {}: loop already stopped at close", id);
        }
        stopped = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        writer.close();
        closeStorage();
        LOG.info("node {}: stopped", id);
    }

    /**
     * Runs {@code first} on the loop, then closes every socket of the node there, and waits for
     * it. Shutting the loop down is not enough: when the shutdown arrives while the loop is
     * running a task, Netty can end the loop without closing its channels, and the ports then
     * keep listening and the connections stay open, silent; clients and peers of a stopped node
     * would wait for answers instead of seeing it gone, and a revive could not bind its ports.
     */
    private void closeSockets(Runnable first) {
        if (loop.isShuttingDown()) {
            return;
        }
        loop.submit(() -> {
            first.run();
            transport.close(); // no redialling from here on
            clientServer.close();
            sockets.close();
        }).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private void closeStorage() {
        try {
            storage.close();
        } catch (IOException e) {
            LOG.warn("node {}: closing storage failed: {}", id, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- the loop

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /**
     * Ticks every tick length, counted from the end of the previous tick. A fixed rate would
     * catch up after a stall (a long GC pause, a starved CPU) by firing the missed ticks back to
     * back: every node's election timer would then expire at the same instant although the
     * leader was only paused with them, and they would all campaign at once. With a fixed delay
     * a stall merely loses time, and the next heartbeat finds everyone still following.
     */
    private void startTicker() {
        int tick = timing.tickMillis();
        ticker = loop.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Runs an input now, or holds it until resume while paused. */
    void input(Runnable task) {
        if (stopped) {
            return; // a stopped node hears nothing more, as a dead process would
        }
        if (paused) {
            heldWhilePaused.add(task);
        } else {
            task.run();
        }
    }

    private void tick() {
        if (paused || stopped) {
            return;
        }
        raft.tick();
        readySoon();
        publishState();
    }

    private void received(PeerFrame frame) {
        input(() -> {
            PeerPayload payload = frame.payload();
            if (payload instanceof PeerPayload.RaftMessage r) {
                observer.messageDelivered(MessageTrace.of(frame.traceId(), frame.from(),
                        frame.to(), r.message(), System.currentTimeMillis(), 0));
                try {
                    raft.step(r.message());
                } catch (IllegalStateException e) {
                    // Only a faulty peer can send this; refuse the message, not the whole node.
                    LOG.error("node {}: refused a message from node {} that breaks Raft's rules: {}",
                            id, frame.from(), e.getMessage());
                }
                readySoon();
            } else if (payload instanceof PeerPayload.ForwardRequest f) {
                observer.messageDelivered(new MessageTrace(frame.traceId(), frame.from(),
                        frame.to(), null, FORWARDED_REQUEST, System.currentTimeMillis(), 0));
                operations.forwarded(frame.from(), f);
            } else if (payload instanceof PeerPayload.ForwardResponse f) {
                observer.messageDelivered(new MessageTrace(frame.traceId(), frame.from(),
                        frame.to(), null, FORWARDED_ANSWER, System.currentTimeMillis(), 0));
                operations.forwardAnswered(f);
            }
        });
    }

    /**
     * Takes the core's output at the end of this turn of the event loop, once for every input of
     * the turn: the proposals of many clients and the messages read from every peer in one turn
     * then share one Ready, so one write to the disk, one fsync and one AppendRequest per peer
     * carry them all. Nothing waits longer than the rest of the turn, and the order of Readys,
     * hence of writes, sends and applies, is unchanged.
     */
    void readySoon() {
        if (!readyScheduled) {
            readyScheduled = true;
            loop.executeAfterEventLoopIteration(this::takeScheduledReady);
        }
    }

    private void takeScheduledReady() {
        readyScheduled = false;
        if (!stopped) {
            afterInput();
        }
    }

    /** Takes the core's output and moves it along the durable-before-send pipeline. */
    private void afterInput() {
        Ready ready = raft.takeReady();
        if (ready.isEmpty()) {
            return;
        }
        if (!ready.events().isEmpty()) {
            logEvents(ready.events());
            observer.raftEvents(id, ready.events());
        }
        if (!ready.entries().isEmpty()) {
            observer.logChanged(id, ready.entries());
        }
        if (ready.needsPersistence()) {
            Stage stage = new Stage(ready, false);
            stages.addLast(stage);
            try {
                writer.submit(ready.hardState(), ready.entries(), () -> {
                    stage.durable = true;
                    drainStages();
                });
            } catch (IllegalStateException e) {
                LOG.error("node {}: cannot persist, so it sends and applies nothing more", id);
            }
        } else if (stages.isEmpty()) {
            complete(ready);
        } else {
            stages.addLast(new Stage(ready, true));
        }
    }

    private void drainStages() {
        if (stopped) {
            return;
        }
        while (!stages.isEmpty() && stages.peekFirst().durable) {
            complete(stages.pollFirst().ready);
        }
        publishState();
    }

    private void complete(Ready ready) {
        for (Message m : ready.messages()) {
            sendRaft(m);
        }
        transport.flush();
        for (Entry e : ready.committed()) {
            operations.apply(e);
        }
        operations.readsReady(ready.readStates(), ready.abortedReads());
    }

    private void sendRaft(Message m) {
        PeerFrame frame = new PeerFrame(transport.clusterHash(), id, m.to(),
                TRACE_IDS.incrementAndGet(), new PeerPayload.RaftMessage(m));
        MessageTrace trace = MessageTrace.of(frame.traceId(), id, m.to(), m,
                System.currentTimeMillis(), timing.transitMillis());
        sendFrame(frame, trace);
    }

    /**
     * Sends a forwarding payload. Returns false when the frame was dropped at once, not handed to
     * any connection, so that it surely never reaches {@code to}; true when it was written or is
     * held for its transit delay (a drop after the delay is not reported back).
     */
    boolean sendForward(int to, PeerPayload payload) {
        PeerFrame frame = new PeerFrame(transport.clusterHash(), id, to,
                TRACE_IDS.incrementAndGet(), payload);
        String summary = payload instanceof PeerPayload.ForwardRequest
                ? FORWARDED_REQUEST : FORWARDED_ANSWER;
        boolean sent = sendFrame(frame, new MessageTrace(frame.traceId(), id, to, null, summary,
                System.currentTimeMillis(), timing.transitMillis()));
        transport.flush();
        return sent;
    }

    /** Returns false when the frame was dropped at once; see {@link #sendForward}. */
    private boolean sendFrame(PeerFrame frame, MessageTrace trace) {
        observer.messageSent(trace);
        int transit = timing.transitMillis();
        if (transit == 0 && !paused) {
            return write(frame, trace);
        }
        Transit t = new Transit(frame, trace,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(transit));
        inTransit.add(t);
        if (paused) {
            t.dueNanos -= System.nanoTime();
        } else {
            t.schedule();
        }
        return true;
    }

    private boolean write(PeerFrame frame, MessageTrace trace) {
        String dropped = transport.send(frame);
        if (dropped != null) {
            observer.messageDropped(trace, dropped);
            return false;
        }
        return true;
    }

    private void publishState() {
        lastState = freshState();
        observer.stateChanged(id, lastState);
    }

    private void storageFailed(Throwable cause) {
        LOG.error("node {}: its disk failed, so it stops: {}", id, cause.toString());
        stopped = true;
        ticker.cancel(false);
        operations.failAll();
        clientServer.close();
        transport.close();
    }

    private void logEvents(List<RaftEvent> events) {
        for (RaftEvent e : events) {
            if (e instanceof RaftEvent.BecameLeader b) {
                LOG.info("node {}: became leader for term {} (votes {})", id, b.term(), b.voters());
            } else if (e instanceof RaftEvent.ElectionStarted s) {
                LOG.info("node {}: started an election for term {}", id, s.term());
            } else if (e instanceof RaftEvent.BecameFollower f) {
                LOG.info("node {}: became follower at term {} (was {})", id, f.term(),
                        f.previousRole().word());
            } else if (e instanceof RaftEvent.QuorumLost q) {
                LOG.info("node {}: stepped down in term {}: a majority stopped answering", id,
                        q.term());
            } else if (e instanceof RaftEvent.LogTruncated t) {
                LOG.info("node {}: dropped uncommitted entries from index {} (term {})", id,
                        t.fromIndex(), t.term());
            }
        }
    }

    /** A short description of a message for people: "RequestVote for term 4". */
    static String summarize(Message m) {
        if (m instanceof Message.PreVoteRequest r) {
            return "PreVote for term " + r.term();
        } else if (m instanceof Message.PreVoteResponse r) {
            return (r.granted() ? "pre-vote granted" : "pre-vote refused") + " (term " + r.term() + ")";
        } else if (m instanceof Message.VoteRequest r) {
            return "RequestVote for term " + r.term();
        } else if (m instanceof Message.VoteResponse r) {
            return (r.granted() ? "vote granted" : "vote refused") + " (term " + r.term() + ")";
        } else if (m instanceof Message.AppendRequest r) {
            return r.isHeartbeat()
                    ? "heartbeat (term " + r.term() + ", commit " + r.leaderCommit() + ")"
                    : "AppendEntries " + r.entries().get(0).index() + "-" + r.lastIndex()
                            + " (term " + r.term() + ")";
        } else if (m instanceof Message.AppendResponse r) {
            return (r.success() ? "appended up to " + r.index() : "refused at " + r.index())
                    + " (term " + r.term() + ")";
        }
        return m.toString();
    }

    // ---------------------------------------------------------------- for Operations

    /** Runs a client operation; on the event loop. */
    void operationsExecute(org.raftteller.node.client.ClientRequest request,
                           java.util.function.Consumer<org.raftteller.node.client.OperationResult> answer) {
        operations.execute(request, answer);
    }

    /** The state right now; on the event loop. */
    NodeState freshState() {
        return new NodeState(raft.status(), bank.lastApplied(), bank.balance(), paused);
    }

    Raft raft() {
        return raft;
    }

    Bank bank() {
        return bank;
    }

    EventLoop loop() {
        return loop;
    }

    NodeConfig config() {
        return config;
    }

    Timing timing() {
        return timing;
    }

    boolean isPaused() {
        return paused;
    }
}
