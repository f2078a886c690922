package org.raftteller.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.raftteller.bank.BankCommand;
import org.raftteller.bank.CommandCodec;
import org.raftteller.bank.Outcome;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Proposal;
import org.raftteller.raft.RaftConfig;
import org.raftteller.raft.RaftEvent;
import org.raftteller.raft.ReadState;
import org.raftteller.raft.Ready;
import org.raftteller.raft.Role;

/**
 * A whole cluster of real cores and real banks on a simulated network, disk and clock, driven by
 * one seeded random source: the same seed replays the same run, event for event.
 *
 * <p>The network delays, reorders, duplicates and drops messages and can be cut in either
 * direction between any two servers. Disks make writes durable after a delay, and a crash loses
 * whatever had not reached the disk. Clients credit, debit and read all along. A
 * {@link SafetyChecker} watches every step and throws at the first violation.
 *
 * <p>Time is in milliseconds; servers tick every {@link #TICK_MS}.
 */
public final class SimCluster {

    public static final int TICK_MS = 10;

    /** How the network misbehaves. Delays are uniform in {@code [minDelay, maxDelay]} ms. */
    public record Network(double dropRate, double duplicateRate, int minDelay, int maxDelay) {
        public static final Network RELIABLE = new Network(0, 0, 1, 5);
        public static final Network UNRELIABLE = new Network(0.1, 0.05, 1, 40);
    }

    private record Event(long time, long order, Runnable action) {
    }

    private final long seed;
    private final SplittableRandom random;
    private final RaftConfig baseConfig;
    private final Map<Integer, SimNode> nodes = new TreeMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private final boolean[][] cut;
    private final SafetyChecker checker = new SafetyChecker();
    private final List<SimClient> clients = new ArrayList<>();
    private final Map<String, Integer> sentByKind = new TreeMap<>();
    private final List<Consumer<Message>> watchers = new ArrayList<>();
    private Network network = Network.RELIABLE;
    private long now;
    private long order;
    private long nextReadContext = 1;
    private boolean clientsRunning;
    private int diskMinDelay = 1;
    private int diskMaxDelay = 3;

    public SimCluster(int size, long seed) {
        this(RaftConfig.of(1, IntStream.rangeClosed(1, size).boxed().toList()), seed);
    }

    public SimCluster(RaftConfig config, long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.baseConfig = config;
        int size = config.members().size();
        this.cut = new boolean[size + 1][size + 1];
        for (int id : config.members()) {
            SimNode node = new SimNode(id, config.forMember(id));
            nodes.put(id, node);
        }
        for (SimNode node : nodes.values()) {
            restart(node.id);
        }
    }

    // ---------------------------------------------------------------- running

    public long now() {
        return now;
    }

    public long seed() {
        return seed;
    }

    /** Runs every event due in the next {@code millis}. */
    public void runFor(long millis) {
        long end = now + millis;
        while (!queue.isEmpty() && queue.peek().time <= end) {
            Event e = queue.poll();
            now = e.time;
            e.action.run();
        }
        now = end;
    }

    /** Runs until {@code condition} holds, for at most {@code millis}; returns whether it held. */
    public boolean runUntil(BooleanSupplier condition, long millis) {
        long end = now + millis;
        while (!condition.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().time > end) {
                now = end;
                return condition.getAsBoolean();
            }
            Event e = queue.poll();
            now = e.time;
            e.action.run();
        }
        return true;
    }

    private void at(long time, Runnable action) {
        queue.add(new Event(time, order++, action));
    }

    private void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    // ---------------------------------------------------------------- faults

    public void setNetwork(Network network) {
        this.network = network;
    }

    public void setDiskDelay(int min, int max) {
        diskMinDelay = min;
        diskMaxDelay = max;
    }

    /** Cuts every link between {@code side} and the other servers, both ways. */
    public void partition(int... side) {
        List<Integer> inside = IntStream.of(side).boxed().toList();
        for (int a : nodes.keySet()) {
            for (int b : nodes.keySet()) {
                if (inside.contains(a) != inside.contains(b)) {
                    cut[a][b] = true;
                }
            }
        }
    }

    /** Isolates one server from all others. */
    public void isolate(int id) {
        partition(id);
    }

    /** Cuts the link from {@code from} to {@code to} only: messages the other way still pass. */
    public void cutOneWay(int from, int to) {
        cut[from][to] = true;
    }

    public void heal() {
        for (boolean[] row : cut) {
            java.util.Arrays.fill(row, false);
        }
    }

    /** Crashes a server: it loses its memory and every write that had not reached its disk. */
    public void crash(int id) {
        SimNode node = nodes.get(id);
        if (node.up) {
            node.crash();
        }
    }

    /** Starts a crashed server again from its disk. */
    public void restart(int id) {
        SimNode node = nodes.get(id);
        if (node.up) {
            return;
        }
        node.start(random.split());
        int life = node.life;
        long phase = random.nextInt(TICK_MS) + 1;
        after(phase, () -> tick(node, life));
    }

    // ---------------------------------------------------------------- observation

    public SafetyChecker checker() {
        return checker;
    }

    public List<Integer> ids() {
        return List.copyOf(nodes.keySet());
    }

    public boolean isUp(int id) {
        return nodes.get(id).up;
    }

    /** The running leader with the highest term, or 0 if no running server leads. */
    public int leader() {
        int best = 0;
        long bestTerm = -1;
        for (SimNode n : nodes.values()) {
            if (n.up && n.raft.role() == Role.LEADER && n.raft.currentTerm() > bestTerm) {
                best = n.id;
                bestTerm = n.raft.currentTerm();
            }
        }
        return best;
    }

    public org.raftteller.raft.Raft raft(int id) {
        SimNode node = nodes.get(id);
        return node.up ? node.raft : null;
    }

    public long balance(int id) {
        return nodes.get(id).bank.balance();
    }

    public long appliedIndex(int id) {
        return nodes.get(id).bank.lastApplied();
    }

    public List<Entry> durableLog(int id) {
        return List.copyOf(nodes.get(id).durableLog);
    }

    /** How many messages of each kind were sent, by simple class name, and in total. */
    public Map<String, Integer> sentByKind() {
        return Map.copyOf(sentByKind);
    }

    public int totalSent() {
        return sentByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public void resetMessageCounts() {
        sentByKind.clear();
    }

    /**
     * Calls {@code watcher} with every message a server sends from now on, in the order they are
     * sent and before the network decides whether to lose, delay or duplicate it. Scenarios use it
     * to count messages of a particular shape, such as refused AppendRequests to one leader.
     */
    public void watchMessages(Consumer<Message> watcher) {
        watchers.add(watcher);
    }

    /**
     * Hands {@code m} to the network as if {@code m.from()} had sent it: it is counted, watched,
     * cut, lost, delayed and duplicated like any other message. Scenarios use it to replay a
     * message a real server could have sent, such as a vote request from a rival candidate.
     */
    public void inject(Message m) {
        send(m);
    }

    /** The running server's whole log, durable or not; an empty list if the server is down. */
    public List<Entry> log(int id) {
        var raft = raft(id);
        if (raft == null) {
            return List.of();
        }
        List<Entry> log = new ArrayList<>();
        for (long i = 1; i <= raft.lastIndex(); i++) {
            log.add(raft.entry(i));
        }
        return log;
    }

    /** The prefix of the running server's log that it knows to be committed. */
    public List<Entry> committedLog(int id) {
        var raft = raft(id);
        return raft == null ? List.of() : log(id).subList(0, (int) raft.commitIndex());
    }

    /**
     * The running leader with the highest term among {@code candidates}, or 0 if none of them
     * leads. With a partition in place, this finds the leader of one side.
     */
    public int leaderAmong(int... candidates) {
        int best = 0;
        long bestTerm = -1;
        for (int id : candidates) {
            SimNode n = nodes.get(id);
            if (n.up && n.raft.role() == Role.LEADER && n.raft.currentTerm() > bestTerm) {
                best = id;
                bestTerm = n.raft.currentTerm();
            }
        }
        return best;
    }

    /** Whether every running server has applied everything the leader has committed. */
    public boolean converged() {
        int leader = leader();
        if (leader == 0) {
            return false;
        }
        long commit = raft(leader).commitIndex();
        for (SimNode n : nodes.values()) {
            if (n.up && n.bank.lastApplied() < commit) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- clients

    /** Adds clients that keep crediting, debiting and reading until {@link #stopClients()}. */
    public void startClients(int count) {
        clientsRunning = true;
        for (int i = 0; i < count; i++) {
            SimClient c = new SimClient("client-" + (clients.size() + 1));
            clients.add(c);
            after(random.nextInt(20) + 1, () -> nextOperation(c));
        }
    }

    /** Lets clients finish the operations they have begun, and start no more. */
    public void stopClients() {
        clientsRunning = false;
    }

    public boolean clientsIdle() {
        return clients.stream().noneMatch(c -> c.busy);
    }

    public int completedOperations() {
        return clients.stream().mapToInt(c -> c.completed).sum();
    }

    /**
     * Proposes one credit straight to server {@code id}, outside any client. Returns the proposal,
     * or null if the server is down.
     */
    public Proposal propose(int id, long cents) {
        SimNode node = nodes.get(id);
        if (!node.up) {
            return null;
        }
        Proposal p = node.raft.propose(CommandCodec.encode(new BankCommand.Credit("", 0, cents)));
        afterInput(node);
        return p;
    }

    private void nextOperation(SimClient c) {
        if (!clientsRunning) {
            return;
        }
        int pick = random.nextInt(10);
        c.kind = pick < 4 ? SimClient.Kind.CREDIT : pick < 6 ? SimClient.Kind.DEBIT : SimClient.Kind.READ;
        c.amount = 1 + random.nextInt(5_000);
        c.invokedAt = now;
        c.busy = true;
        if (c.kind != SimClient.Kind.READ) {
            c.seq++;
            BankCommand cmd = c.kind == SimClient.Kind.CREDIT
                    ? new BankCommand.Credit(c.name, c.seq, c.amount)
                    : new BankCommand.Debit(c.name, c.seq, c.amount);
            c.command = CommandCodec.encode(cmd);
        }
        tryOperation(c);
    }

    private void tryOperation(SimClient c) {
        SimClient.Attempt attempt = c.newAttempt();
        // Now and then a client asks a server at random, as a real one might after a hiccup.
        int target = c.leaderGuess != 0 && random.nextInt(4) != 0 ? c.leaderGuess
                : ids().get(random.nextInt(nodes.size()));
        SimNode node = nodes.get(target);
        if (!node.up) {
            c.leaderGuess = 0;
            after(10 + random.nextInt(20), () -> retry(attempt));
            return;
        }
        boolean accepted;
        if (c.kind == SimClient.Kind.READ) {
            long context = nextReadContext++;
            accepted = node.raft.readIndex(context);
            if (accepted) {
                node.reads.put(context, attempt);
            }
        } else {
            Proposal p = node.raft.propose(c.command);
            accepted = p.accepted();
            if (accepted) {
                node.proposals.put(p.index(), attempt);
            }
        }
        int hint = node.raft.leader();
        afterInput(node);
        if (!accepted) {
            c.leaderGuess = hint != target ? hint : 0;
            after(5 + random.nextInt(20), () -> retry(attempt));
            return;
        }
        // No answer in time: the server may have crashed or lost leadership. Try again.
        after(400, () -> retry(attempt));
    }

    private void retry(SimClient.Attempt attempt) {
        if (attempt.isCurrent()) {
            tryOperation(attempt.client());
        }
    }

    private void answerWrite(SimNode node, SimClient.Attempt attempt, Outcome outcome) {
        SimClient c = attempt.client();
        if (!attempt.isCurrent()) {
            return;
        }
        if (outcome.status() == Outcome.Status.STALE_REQUEST) {
            throw new SafetyViolation("Exactly-once", c.name + "/" + c.seq
                    + " was refused as stale though it is the client's latest");
        }
        checker.writeAnswered(new SafetyChecker.AckedWrite(c.name, c.seq, c.command,
                outcome.index(), c.invokedAt, now));
        c.leaderGuess = node.id;
        finish(c);
    }

    private void answerRead(SimNode node, SimClient.Attempt attempt) {
        SimClient c = attempt.client();
        if (!attempt.isCurrent()) {
            return;
        }
        checker.readAnswered(node.bank.balance(), node.bank.lastApplied(), c.invokedAt, now);
        c.leaderGuess = node.id;
        finish(c);
    }

    private void finish(SimClient c) {
        c.busy = false;
        c.completed++;
        after(1 + random.nextInt(30), () -> nextOperation(c));
    }

    // ---------------------------------------------------------------- servers

    private void tick(SimNode node, int life) {
        if (!node.up || node.life != life) {
            return;
        }
        node.raft.tick();
        afterInput(node);
        after(TICK_MS, () -> tick(node, life));
    }

    private void deliver(Message m) {
        SimNode node = nodes.get(m.to());
        if (!node.up) {
            return;
        }
        node.raft.step(m);
        afterInput(node);
    }

    /** Takes the core's output, checks it, and hands it to the disk in order. */
    private void afterInput(SimNode node) {
        Ready ready = node.raft.takeReady();
        observe(node, ready);
        if (ready.isEmpty()) {
            return;
        }
        if (!ready.needsPersistence() && node.diskQueue.isEmpty()) {
            complete(node, ready);
            return;
        }
        node.diskQueue.addLast(ready);
        if (!node.flushScheduled) {
            node.flushScheduled = true;
            int life = node.life;
            after(diskMinDelay + random.nextInt(diskMaxDelay - diskMinDelay + 1), () -> flush(node, life));
        }
    }

    /** One fsync: everything queued becomes durable, then its messages leave and it is applied. */
    private void flush(SimNode node, int life) {
        if (!node.up || node.life != life) {
            return;
        }
        node.flushScheduled = false;
        while (!node.diskQueue.isEmpty()) {
            Ready ready = node.diskQueue.pollFirst();
            node.persist(ready);
            complete(node, ready);
        }
    }

    private void complete(SimNode node, Ready ready) {
        for (Message m : ready.messages()) {
            send(m);
        }
        for (Entry e : ready.committed()) {
            apply(node, e);
        }
        for (ReadState rs : ready.readStates()) {
            node.readIndexes.put(rs.context(), rs.index());
        }
        for (long context : ready.abortedReads()) {
            SimClient.Attempt a = node.reads.remove(context);
            if (a != null) {
                after(5, () -> retry(a));
            }
        }
        serveReads(node);
    }

    private void apply(SimNode node, Entry e) {
        Outcome outcome = null;
        if (e.isNoop()) {
            node.bank.applyNoop(e.index());
        } else {
            outcome = node.bank.apply(e.index(), CommandCodec.decode(e.command()));
        }
        checker.applied(node.id, node.life, e, node.bank.encodeState(), node.bank.balance());
        SimClient.Attempt attempt = node.proposals.remove(e.index());
        if (attempt == null) {
            return;
        }
        if (outcome != null && java.util.Arrays.equals(e.command(), attempt.client().command)) {
            answerWrite(node, attempt, outcome);
        } else {
            // Another entry took the proposal's place: it was lost with a deposed leader.
            after(1, () -> retry(attempt));
        }
    }

    private void serveReads(SimNode node) {
        var it = node.readIndexes.entrySet().iterator();
        while (it.hasNext()) {
            var read = it.next();
            if (node.bank.lastApplied() >= read.getValue()) {
                it.remove();
                SimClient.Attempt a = node.reads.remove(read.getKey());
                if (a != null) {
                    answerRead(node, a);
                }
            }
        }
    }

    private void send(Message m) {
        sentByKind.merge(m.getClass().getSimpleName(), 1, Integer::sum);
        for (Consumer<Message> watcher : watchers) {
            watcher.accept(m);
        }
        if (cut[m.from()][m.to()] || random.nextDouble() < network.dropRate()) {
            return;
        }
        after(delay(), () -> deliver(m));
        if (random.nextDouble() < network.duplicateRate()) {
            after(delay(), () -> deliver(m));
        }
    }

    private int delay() {
        return network.minDelay() + random.nextInt(network.maxDelay() - network.minDelay() + 1);
    }

    private void observe(SimNode node, Ready ready) {
        var raft = node.raft;
        for (RaftEvent event : ready.events()) {
            if (event instanceof RaftEvent.BecameLeader won) {
                checker.leaderElected(node.id, won.term(), raft.lastIndex(), raft::entry);
            }
        }
        for (Entry e : ready.entries()) {
            long previousTerm = e.index() == 1 ? 0 : raft.entry(e.index() - 1).term();
            checker.stored(node.id, e, previousTerm);
        }
        if (raft.role() == Role.LEADER) {
            Entry tail = checker.leaderTail(node.id, raft.currentTerm());
            Entry there = tail == null || tail.index() > raft.lastIndex() ? null
                    : raft.entry(tail.index());
            Entry last = raft.lastIndex() == 0 ? null : raft.entry(raft.lastIndex());
            checker.leaderLog(node.id, raft.currentTerm(), last, there);
        }
        checker.commitIndex(node.id, node.life, raft.commitIndex(), raft::entry);
    }

    // ---------------------------------------------------------------- the end of a run

    /**
     * Heals everything, restarts every server, lets clients finish, and checks that the cluster
     * agrees again and that no acknowledged write was lost.
     *
     * @return whether the cluster converged within {@code millis}
     */
    public boolean settle(long millis) {
        stopClients();
        heal();
        setNetwork(Network.RELIABLE);
        for (int id : ids()) {
            restart(id);
        }
        boolean settled = runUntil(() -> clientsIdle() && leader() != 0 && converged()
                && committedInCurrentTerm(), millis);
        if (settled) {
            int leader = leader();
            List<Entry> log = new ArrayList<>();
            for (long i = 1; i <= raft(leader).commitIndex(); i++) {
                log.add(raft(leader).entry(i));
            }
            checker.noAcknowledgedWriteLost(log);
        }
        return settled;
    }

    /**
     * Runs until a leader has committed an entry of its own term and every running server has
     * applied everything that leader committed, for at most {@code millis}.
     *
     * @return that leader, or 0 if the cluster did not get there in time
     */
    public int runUntilStableLeader(long millis) {
        boolean stable = runUntil(() -> leader() != 0 && converged() && committedInCurrentTerm(),
                millis);
        return stable ? leader() : 0;
    }

    /** Whether the leader has committed its no-op, and so knows everything committed before. */
    private boolean committedInCurrentTerm() {
        var raft = raft(leader());
        return raft.commitIndex() > 0 && raft.entry(raft.commitIndex()).term() == raft.currentTerm();
    }

    public RaftConfig config() {
        return baseConfig;
    }
}
