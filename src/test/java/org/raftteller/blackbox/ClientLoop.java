package org.raftteller.blackbox;

import java.util.Collection;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.raftteller.blackbox.Call.Kind;

/**
 * One client of the workload: one request in flight, random credits, debits and balance reads,
 * each to a random node, every credit and debit with this client's name and the next seq.
 *
 * <p>A write whose outcome is unknown is retried with the same seq on other nodes until it is
 * decided, as the protocol says to learn it; one that the node said did not happen is dropped,
 * and the next write takes the next seq. When the workload stops, a write still unknown is kept
 * for {@link #settle}, which the test calls once the cluster is whole again.
 */
final class ClientLoop implements Runnable {

    /** A call quicker than this that failed was refused at once, not tried. */
    private static final long FAST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long BACK_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String name;
    private final Random random;
    private final NodeProcesses nodes;
    private final Collection<Call> history;
    private final AtomicBoolean stop;
    private long seq;
    private Write unsettled;
    private Write latestDecided;
    private int fastFailures;

    private record Write(Kind kind, long amount, long seq) {
    }

    private enum Outcome { DECIDED, NOT_DONE, UNKNOWN }

    ClientLoop(String name, long seed, NodeProcesses nodes, Collection<Call> history,
               AtomicBoolean stop) {
        this.name = name;
        this.random = new Random(seed);
        this.nodes = nodes;
        this.history = history;
        this.stop = stop;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            int roll = random.nextInt(10);
            if (roll < 3) {
                pace(send(randomNode(), Kind.BALANCE, 0, 0));
            } else {
                Kind kind = roll < 7 ? Kind.CREDIT : Kind.DEBIT;
                long amount = 1 + random.nextInt(kind == Kind.CREDIT ? 1_000 : 1_500);
                Write write = new Write(kind, amount, ++seq);
                Outcome outcome = pursue(write, false, stop::get);
                if (outcome == Outcome.UNKNOWN) {
                    unsettled = write;
                } else if (outcome == Outcome.DECIDED) {
                    latestDecided = write;
                }
            }
        }
    }

    boolean hasUnsettledWrite() {
        return unsettled != null;
    }

    /**
     * Retries the write the workload left unknown, with its client and seq, until it is decided.
     *
     * @return false if the deadline passed first
     */
    boolean settle(long deadlineNanos) {
        if (unsettled == null) {
            return true;
        }
        if (pursue(unsettled, true, () -> System.nanoTime() > deadlineNanos) != Outcome.DECIDED) {
            return false;
        }
        latestDecided = unsettled;
        unsettled = null;
        return true;
    }

    /**
     * Sends this client's latest decided write once more, after the whole cluster restarted:
     * the answer must be the original outcome, which the history checker compares.
     *
     * @return false if the deadline passed before an answer came
     */
    boolean askAgain(long deadlineNanos) {
        if (latestDecided == null || latestDecided.seq() != seq) {
            return true; // Its latest seq did not happen; asking again would make it happen now.
        }
        return pursue(latestDecided, true, () -> System.nanoTime() > deadlineNanos)
                == Outcome.DECIDED;
    }

    /**
     * Sends the write until it is decided; with {@code mustDecide} false, also stops when the
     * first node to hear it says it did not happen, or when told to give up.
     */
    private Outcome pursue(Write write, boolean mustDecide, BooleanSupplier giveUp) {
        boolean maybe = false;
        int node = randomNode();
        while (true) {
            Call call = send(node, write.kind(), write.amount(), write.seq());
            Call.Answer answer = call.answer();
            if (answer instanceof Call.Ok || answer instanceof Call.Refused
                    || answer instanceof Call.Unexpected) {
                return Outcome.DECIDED;
            }
            if (answer instanceof Call.Unknown) {
                maybe = true;
            } else if (!mustDecide && !maybe && !notConnected(answer)) {
                return Outcome.NOT_DONE;
            }
            if (giveUp.getAsBoolean()) {
                return maybe ? Outcome.UNKNOWN : Outcome.NOT_DONE;
            }
            node = otherNode(node);
            pace(call);
        }
    }

    private Call send(int node, Kind kind, long amount, long writeSeq) {
        Call call = BankWire.send(node, nodes.clientAddress(node), kind, amount,
                kind == Kind.BALANCE ? null : name, writeSeq);
        history.add(call);
        return call;
    }

    /**
     * A client's back-off: after a run of calls that failed at once (every node it tried was
     * down or refusing), pause briefly rather than spin. It waits for no state of the cluster.
     */
    private void pace(Call call) {
        boolean failedFast = !(call.answer() instanceof Call.Ok)
                && !(call.answer() instanceof Call.Refused)
                && call.responseNanos() - call.invokeNanos() < FAST_NANOS;
        fastFailures = failedFast ? fastFailures + 1 : 0;
        if (fastFailures >= NodeProcesses.SIZE) {
            LockSupport.parkNanos(BACK_OFF_NANOS);
        }
    }

    private static boolean notConnected(Call.Answer answer) {
        return answer instanceof Call.NotDone notDone && notDone.why().startsWith("not connected");
    }

    private int randomNode() {
        return 1 + random.nextInt(NodeProcesses.SIZE);
    }

    private int otherNode(int node) {
        return 1 + (node + random.nextInt(NodeProcesses.SIZE - 1)) % NodeProcesses.SIZE;
    }
}
