package org.raftteller.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.raftteller.bank.CommandCodec;
import org.raftteller.bank.Outcome;
import org.raftteller.node.client.BadRequest;
import org.raftteller.node.client.ClientRequest;
import org.raftteller.node.client.ClientRequestParser;
import org.raftteller.node.client.ErrorCode;
import org.raftteller.node.client.Op;
import org.raftteller.node.client.OperationResult;
import org.raftteller.node.client.ParsedRequest;
import org.raftteller.node.peer.PeerPayload;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.Raft;
import org.raftteller.raft.ReadState;
import org.raftteller.raft.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries client operations through Raft on one node: a leader proposes writes and runs
 * ReadIndex reads itself; any other node forwards the request to the leader it knows and relays
 * the answer. Each operation has a deadline. Until it is proposed, running out of time means
 * {@code no_leader} (it never happened); after, {@code timeout} (it may have happened).
 *
 * <p>Runs on the node's event loop only.
 */
final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /** How long a node waits between tries when it knows no leader or cannot reach it. */
    private static final int RETRY_MILLIS = 20;
    /** How often deadlines are checked; operations time out after seconds, not milliseconds. */
    private static final int EXPIRY_SWEEP_MILLIS = 10;

    private final RaftServer server;
    /**
     * Writes this node proposed as leader, by rising index: entries commit and apply in index
     * order, so the write an applied entry answers is always at the head.
     */
    private final ArrayDeque<Write> writes = new ArrayDeque<>();
    /**
     * Writes from an earlier leadership of this node whose entries were cut from its log since:
     * rare, and they may still commit through another leader, so they too wait for their index.
     */
    private final Map<Long, Write> displaced = new HashMap<>();
    private final Map<Long, Read> reads = new HashMap<>();
    /** Confirmed reads, by the index the bank must reach before they are served. */
    private final List<IndexedRead> readsAwaitingApply = new ArrayList<>();
    /**
     * Every operation not answered yet, in arrival order, which is deadline order while the
     * timeout stays the same: the sweep stops at the first that has time left.
     */
    private final Set<Operation> live = new LinkedHashSet<>();
    /** Set when a shorter timeout (a faster tempo) put deadlines out of arrival order. */
    private boolean deadlinesUnordered;
    private long lastDeadlineNanos;
    private final Map<Long, Forward> forwards = new HashMap<>();
    private long nextReadContext = 1;
    private long nextForwardId = 1;

    /** One operation from its arrival to its answer; answered exactly once. */
    private final class Operation {
        final ClientRequest request;
        final Consumer<OperationResult> answer;
        final long deadlineNanos;
        /** Whether the request came from another node, which does the retrying itself. */
        final boolean forwarded;
        boolean proposed;
        boolean done;

        Operation(ClientRequest request, Consumer<OperationResult> answer, boolean forwarded) {
            this.request = request;
            this.answer = answer;
            this.forwarded = forwarded;
            this.deadlineNanos = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis());
            if (deadlineNanos < lastDeadlineNanos) {
                deadlinesUnordered = true;
            }
            lastDeadlineNanos = deadlineNanos;
            live.add(this);
        }

        void finish(OperationResult result) {
            if (!done) {
                done = true;
                live.remove(this);
                answer.accept(result);
            }
        }

        void expire() {
            if (proposed) {
                finish(OperationResult.failure(ErrorCode.TIMEOUT,
                        "the operation was proposed but its outcome is not known yet; retry with "
                                + "the same client and seq to learn it").withLeader(leader()));
            } else {
                finish(OperationResult.failure(ErrorCode.NO_LEADER,
                        "no leader could be reached in time, so the operation did not happen")
                        .withLeader(leader()));
            }
        }

        boolean timeLeft() {
            return !done && System.nanoTime() < deadlineNanos;
        }
    }

    private record Write(long index, Operation op, long term, byte[] command) {
    }

    private record Read(Operation op) {
    }

    private record Forward(Operation op) {
    }

    private record IndexedRead(long index, Read read) {
    }

    /**
     * Deadlines are checked by one periodic sweep rather than a timer per operation: at a
     * hundred thousand operations a second, scheduling and cancelling a timer each (a priority
     * queue insert and removal on the loop) cost more than the rest of their bookkeeping.
     */
    Operations(RaftServer server) {
        this.server = server;
        server.loop().scheduleWithFixedDelay(this::expireDue, EXPIRY_SWEEP_MILLIS,
                EXPIRY_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Answers every operation whose deadline passed; on the event loop. */
    private void expireDue() {
        if (live.isEmpty()) {
            deadlinesUnordered = false;
            return;
        }
        long now = System.nanoTime();
        List<Operation> due = new ArrayList<>();
        for (Operation op : live) {
            if (op.deadlineNanos - now <= 0) {
                due.add(op);
            } else if (!deadlinesUnordered) {
                break;
            }
        }
        due.forEach(Operation::expire);
    }

    private int requestTimeoutMillis() {
        return Math.max(2_000, 4 * server.timing().electionMaxMillis());
    }

    private int leader() {
        return server.raft().leader();
    }

    // ---------------------------------------------------------------- arrivals

    /** A client's request on this node. Status never reaches here: it needs no consensus. */
    void execute(ClientRequest request, Consumer<OperationResult> answer) {
        // While the node is paused the request waits, and its deadline starts only on resume.
        server.input(() -> attempt(new Operation(request, answer, false)));
    }

    /** A request another node forwarded because it believes this node leads. */
    void forwarded(int from, PeerPayload.ForwardRequest forward) {
        ParsedRequest parsed = ClientRequestParser.parseForward(forward.requestJson());
        if (parsed instanceof BadRequest bad) {
            LOG.warn("node {}: dropped a malformed request forwarded by node {}: {}",
                    server.id(), from, bad.message());
            return;
        }
        ClientRequest request = (ClientRequest) parsed;
        Operation op = new Operation(request, result -> server.sendForward(from,
                new PeerPayload.ForwardResponse(forward.requestId(), result.toJson())), true);
        attempt(op);
    }

    /** The leader's answer to a request this node forwarded. */
    void forwardAnswered(PeerPayload.ForwardResponse response) {
        Forward forward = forwards.remove(response.requestId());
        if (forward == null) {
            return; // answered too late: the operation already timed out here
        }
        OperationResult result;
        try {
            result = OperationResult.fromJson(response.resultJson());
        } catch (IllegalArgumentException e) {
            LOG.warn("node {}: dropped a malformed answer from the leader: {}", server.id(),
                    e.getMessage());
            return;
        }
        Operation op = forward.op();
        if (!result.ok() && result.error() == ErrorCode.NO_LEADER && op.timeLeft()) {
            // The node we asked no longer leads: ask again where it points, or wait for one.
            retryLater(op);
            return;
        }
        op.finish(result);
    }

    private void attempt(Operation op) {
        if (!op.timeLeft()) {
            return;
        }
        Raft raft = server.raft();
        if (raft.role() == Role.LEADER) {
            if (op.request.op() == Op.BALANCE) {
                long context = nextReadContext++;
                raft.readIndex(context);
                reads.put(context, new Read(op));
            } else {
                byte[] command = CommandCodec.encode(op.request.toBankCommand());
                Proposal p = raft.propose(command);
                op.proposed = true;
                while (!writes.isEmpty() && writes.peekLast().index() >= p.index()) {
                    Write cut = writes.pollLast();
                    displaced.put(cut.index(), cut);
                }
                if (!displaced.isEmpty()) {
                    // Only one write waits per index: the older one is left to time out.
                    displaced.remove(p.index());
                }
                writes.addLast(new Write(p.index(), op, p.term(), command));
            }
            server.readySoon();
            return;
        }
        if (op.forwarded) {
            // Whoever forwarded this retries; point it at the leader we know, if any.
            op.finish(OperationResult.failure(ErrorCode.NO_LEADER,
                    "node " + server.id() + " is not the leader").withLeader(leader()));
            return;
        }
        int leader = raft.leader();
        if (leader == Raft.NONE) {
            retryLater(op);
            return;
        }
        long forwardId = nextForwardId++;
        forwards.put(forwardId, new Forward(op));
        boolean sent = server.sendForward(leader, new PeerPayload.ForwardRequest(forwardId,
                op.request.toForwardJson()));
        if (!sent) {
            forwards.remove(forwardId);
            // No connection to the leader we know, which has most likely crashed: the request
            // never left this node, so it was not proposed. Try again, as when no leader is
            // known, until an election names one we can reach, rather than wait for an answer
            // that cannot come and report an outcome as unknown that is known.
            retryLater(op);
            return;
        }
        if (op.request.op() != Op.BALANCE) {
            op.proposed = true; // the leader may propose it even if its answer never arrives
        }
    }

    private void retryLater(Operation op) {
        server.loop().schedule(() -> server.input(() -> attempt(op)), RETRY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- outcomes

    /** Applies one committed entry to the bank and answers the write that proposed it here. */
    void apply(Entry entry) {
        Outcome outcome = null;
        if (entry.isNoop()) {
            server.bank().applyNoop(entry.index());
        } else {
            outcome = server.bank().apply(entry.index(), CommandCodec.decode(entry.command()));
        }
        Write write = null;
        if (!writes.isEmpty() && writes.peekFirst().index() == entry.index()) {
            write = writes.pollFirst();
        } else if (!displaced.isEmpty()) {
            write = displaced.remove(entry.index());
        }
        if (write != null) {
            if (outcome != null && Arrays.equals(entry.command(), write.command())) {
                write.op().finish(result(write.op().request, outcome, entry.term()));
            } else if (write.op().timeLeft()) {
                // Another leader's entry took this index: ours can never commit, so propose again.
                write.op().proposed = false;
                retryLater(write.op());
            }
        }
        serveReads();
    }

    private OperationResult result(ClientRequest request, Outcome outcome, long term) {
        int leader = leader() == Raft.NONE ? server.id() : leader();
        return OperationResult.decided(request, outcome, term, leader);
    }

    /** Reads whose leadership round completed, and reads the core gave up on. */
    void readsReady(List<ReadState> ready, List<Long> aborted) {
        for (ReadState rs : ready) {
            Read read = reads.remove(rs.context());
            if (read != null) {
                readsAwaitingApply.add(new IndexedRead(rs.index(), read));
            }
        }
        for (long context : aborted) {
            Read read = reads.remove(context);
            if (read != null && read.op().timeLeft()) {
                retryLater(read.op());
            }
        }
        serveReads();
    }

    private void serveReads() {
        if (readsAwaitingApply.isEmpty()) {
            return;
        }
        long applied = server.bank().lastApplied();
        Iterator<IndexedRead> it = readsAwaitingApply.iterator();
        while (it.hasNext()) {
            IndexedRead r = it.next();
            if (r.index() <= applied) {
                it.remove();
                r.read().op().finish(OperationResult.success(Op.BALANCE,
                        server.bank().balance(), applied, server.raft().currentTerm(), server.id()));
            }
        }
    }

    /** Answers everything pending with {@code unavailable}: the node is going away. */
    void failAll() {
        for (Operation op : List.copyOf(live)) {
            op.finish(OperationResult.failure(ErrorCode.UNAVAILABLE,
                    "node " + server.id() + " is shutting down"));
        }
        writes.clear();
        displaced.clear();
        reads.clear();
        readsAwaitingApply.clear();
        forwards.clear();
    }
}
