package org.raftteller.cli.bench;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.raftteller.node.NodeState;
import org.raftteller.node.NodeStartException;
import org.raftteller.node.Timing;

/**
 * The benchmark of issue 3: five nodes in this JVM on loopback, durable storage in a temporary
 * directory, at the Real preset. A first cluster with fsync on gives the time to the first
 * leader, the failover times and the durable throughput; a second with fsync off (unsafe) gives
 * the throughput without the disk's flushes. Progress goes to {@code progress} as it runs.
 */
public final class Benchmark {

    private static final long SETTLE_TIMEOUT_SECONDS = 15;
    private static final long ELECTION_TIMEOUT_SECONDS = 10;
    private static final long DRAIN_TIMEOUT_SECONDS = 15;
    /** Quiet time after a revived node caught up, before the next crash. */
    private static final int SETTLE_MILLIS = 200;
    private static final int PORT_ATTEMPTS = 5;
    /** Levels started again after a leader change in their warm-up, at most, in one run. */
    private static final int RESTART_BUDGET = 3;

    private final BenchSettings settings;
    private final PrintWriter progress;
    private final long startNanos = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom();
    private double startupMillis;
    private int restartsLeft = RESTART_BUDGET;
    private String fsyncProbe = "not measured";

    public Benchmark(BenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException {
        String loadAtStart = SystemProbe.loadAverage();
        fsyncProbe = SystemProbe.fsyncLatency();
        say("five nodes, fsync on; settings: %.1f s warm-up, %.1f s measured per level, "
                + "%d crashes; load average %s", settings.warmupSeconds(),
                settings.measureSeconds(), settings.crashes(), loadAtStart);

        List<LoadResult> direct = new ArrayList<>();
        List<LoadResult> tcp = new ArrayList<>();
        double firstLeader;
        BenchReport.Failover failover;

        LeaderWatch durableWatch = new LeaderWatch();
        long t0 = System.nanoTime();
        try (BenchCluster durable = startCluster(true, durableWatch)) {
            long listening = System.nanoTime();
            startupMillis = (listening - t0) / 1e6;
            LeaderWatch.Won first = durableWatch.awaitWinAfter(0, ELECTION_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            if (first == null) {
                throw new IllegalStateException("no leader within " + ELECTION_TIMEOUT_SECONDS
                        + " s of starting the nodes");
            }
            // From the moment all five listen and dial each other: what came before is the
            // JVM loading classes and the nodes opening their storage, not Raft.
            firstLeader = Math.max(0, first.nanos() - listening) / 1e6;
            say("first leader: node %d, %.0f ms after all five nodes were listening (starting "
                    + "them took %.0f ms)", first.node(), firstLeader, startupMillis);
            failover = failovers(durable, durableWatch);
            runLoads(durable, durableWatch, true, direct, tcp);
        }

        say("five new nodes, fsync OFF (unsafe: acknowledged writes could be lost on power loss)");
        LeaderWatch unsafeWatch = new LeaderWatch();
        try (BenchCluster unsafe = startCluster(false, unsafeWatch)) {
            if (unsafeWatch.awaitWinAfter(0, ELECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("the fsync-off cluster elected no leader");
            }
            runLoads(unsafe, unsafeWatch, false, direct, tcp);
        }

        long peak = SystemProbe.peakRssMib();
        String loadAtEnd = SystemProbe.loadAverage();
        say("done: peak RSS %d MiB; load average %s", peak, loadAtEnd);
        return new BenchReport(firstLeader, failover, direct, tcp, peak,
                settingsFigures(loadAtStart, loadAtEnd));
    }

    private BenchCluster startCluster(boolean fsync, LeaderWatch watch) {
        return BenchCluster.start(fsync, watch, random);
    }

    /** Revives a node, waiting out a port still held for a moment. */
    private void revive(BenchCluster cluster, int id) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.revive(id);
                return;
            } catch (NodeStartException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                say("node %d could not start again (%s); retrying", id, e.getMessage());
                Thread.sleep(100L * attempt);
            }
        }
    }

    // ---------------------------------------------------------------- failover

    private BenchReport.Failover failovers(BenchCluster cluster, LeaderWatch watch)
            throws InterruptedException {
        double[] samples = new double[settings.crashes()];
        int runs = 0;
        for (int run = 1; run <= settings.crashes(); run++) {
            int leader = 0;
            long term = 0;
            while (leader == 0) {
                awaitSettled(cluster);
                // A random phase against the heartbeats, as a real crash has.
                Thread.sleep(SETTLE_MILLIS + random.nextInt(Timing.REAL.heartbeatMillis()));
                leader = cluster.leader();
                NodeState state = cluster.state(leader);
                if (leader != 0 && state != null) {
                    term = state.raft().term();
                } else {
                    leader = 0; // lost its leader while settling: wait again
                }
            }

            long crashed = System.nanoTime();
            cluster.crash(leader);
            LeaderWatch.Won next = watch.awaitWinAfter(term, ELECTION_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            revive(cluster, leader);

            if (next == null) {
                say("crash %d of %d: node %d crashed, and no new leader within %d s; not counted",
                        run, settings.crashes(), leader, ELECTION_TIMEOUT_SECONDS);
                continue;
            }
            samples[runs++] = (next.nanos() - crashed) / 1e6;
            say("crash %d of %d: node %d crashed in term %d; node %d leads term %d after %.0f ms",
                    run, settings.crashes(), leader, term, next.node(), next.term(),
                    samples[runs - 1]);
        }
        if (runs == 0) {
            return new BenchReport.Failover(Double.NaN, Double.NaN, 0);
        }
        double[] measured = java.util.Arrays.copyOf(samples, runs);
        return new BenchReport.Failover(Percentiles.of(measured, 50), Percentiles.max(measured),
                runs);
    }

    /**
     * Waits until all nodes are up, agree on one leader and term, and have applied everything
     * the leader committed.
     */
    private void awaitSettled(BenchCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (settled(cluster)) {
                return;
            }
            Thread.sleep(10);
        }
        StringBuilder views = new StringBuilder();
        for (int id : cluster.ids()) {
            NodeState v = cluster.state(id);
            views.append(" node ").append(id).append(v != null
                    ? String.format(Locale.ROOT, " %s term %d leader %d commit %d applied %d;",
                            v.raft().role().word(), v.raft().term(), v.raft().leader(),
                            v.raft().commitIndex(), v.lastApplied())
                    : " down;");
        }
        say("warning: the cluster did not settle within %d s; going on:%s",
                SETTLE_TIMEOUT_SECONDS, views);
    }

    private static boolean settled(BenchCluster cluster) {
        int leader = cluster.leader();
        if (leader == 0) {
            return false;
        }
        NodeState lead = cluster.state(leader);
        if (lead == null) {
            return false;
        }
        for (int id : cluster.ids()) {
            NodeState v = cluster.state(id);
            if (v == null || v.raft().leader() != leader
                    || v.raft().term() != lead.raft().term()
                    || v.lastApplied() < lead.raft().commitIndex()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- load

    private void runLoads(BenchCluster cluster, LeaderWatch watch, boolean fsync,
                          List<LoadResult> direct, List<LoadResult> tcp)
            throws InterruptedException {
        for (int inFlight : BenchSettings.IN_FLIGHT) {
            direct.add(leaderDirect(cluster, watch, fsync, inFlight));
        }
        for (int clients : BenchSettings.CLIENTS) {
            tcp.add(clientTcp(cluster, watch, fsync, clients));
        }
    }

    private LoadResult leaderDirect(BenchCluster cluster, LeaderWatch watch, boolean fsync,
                                    int inFlight) throws InterruptedException {
        String name = String.format(Locale.ROOT, "fsync %s, leader-direct, %d in flight",
                fsync ? "on" : "off", inFlight);
        return level(name, cluster, watch, fsync, inFlight, (leader, m) -> {
            LeaderDirectLoad load = new LeaderDirectLoad(() -> cluster.credit(leader), inFlight, m);
            load.start();
            return load;
        });
    }

    private LoadResult clientTcp(BenchCluster cluster, LeaderWatch watch, boolean fsync,
                                 int clients) throws InterruptedException {
        String name = String.format(Locale.ROOT, "fsync %s, client TCP, %d clients",
                fsync ? "on" : "off", clients);
        int[] attempt = {0};
        return level(name, cluster, watch, fsync, clients, (leader, m) -> {
            List<InetSocketAddress> targets = new ArrayList<>();
            if (settings.spreadClients()) {
                cluster.ids().forEach(id -> targets.add(cluster.clientAddress(id)));
            } else {
                targets.add(cluster.clientAddress(leader));
            }
            TcpClientLoad load = new TcpClientLoad(m);
            try {
                // Names are new on every attempt: a client's seq starts again at 1.
                load.start(targets, clients, "bench-" + (fsync ? "on" : "off") + "-" + clients
                        + "-" + attempt[0]++);
            } catch (RuntimeException | InterruptedException e) {
                load.close();
                throw e;
            }
            return load;
        });
    }

    /** Starts a load on the current leader, fed by the given measurement. */
    @FunctionalInterface
    private interface LoadStarter {
        LoadGenerator start(int leader, Measurement m) throws InterruptedException;
    }

    /**
     * Warms up, then measures. A leader change during the warm-up (the first burst of work can
     * starve a leader's heartbeats while its code is still cold) would leave the rest of the
     * level talking to a follower, so the level starts again on the new leader, at most
     * {@link #RESTART_BUDGET} times in a run so that it still ends in time. Leader changes in
     * the measured window are reported.
     */
    private LoadResult level(String name, BenchCluster cluster, LeaderWatch watch, boolean fsync,
                             int size, LoadStarter starter) throws InterruptedException {
        while (true) {
            awaitSettled(cluster);
            int leader = cluster.leader();
            Measurement m = new Measurement();
            int wins = watch.wins();
            say("%s: warming up %.1f s on leader node %d, then measuring %.1f s", name,
                    settings.warmupSeconds(), leader, settings.measureSeconds());
            try (LoadGenerator load = starter.start(leader, m)) {
                sleepSeconds(settings.warmupSeconds());
                if (watch.wins() != wins && restartsLeft > 0) {
                    restartsLeft--;
                    m.stop();
                    load.awaitDrained(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    say("%s: the leader changed during the warm-up; starting the level again",
                            name);
                    continue;
                }
                int winsAtOpen = watch.wins();
                m.open();
                sleepSeconds(settings.measureSeconds());
                m.close();
                m.stop();
                boolean drained = load.awaitDrained(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return finish(name, fsync, size, m, drained, watch.wins() - winsAtOpen);
            }
        }
    }

    private LoadResult finish(String name, boolean fsync, int load, Measurement m,
                              boolean drained, int leaderChanges) {
        Measurement.LoadFigures f = m.figures();
        say("%s: %,.0f ops/s, p50 %.2f ms, p99 %.2f ms%s; load average %s", name,
                f.opsPerSecond(), f.p50Millis(), f.p99Millis(),
                f.failed() == 0 ? "" : ", " + f.failed() + " failed (last: " + m.lastError() + ")",
                SystemProbe.loadAverage());
        if (leaderChanges > 0) {
            say("warning: %s: the leader changed %d time(s) during this level", name,
                    leaderChanges);
        }
        if (!drained) {
            say("warning: %s: requests were still unanswered %d s after the window",
                    name, DRAIN_TIMEOUT_SECONDS);
        }
        return new LoadResult(load, fsync, f.opsPerSecond(), f.p50Millis(), f.p99Millis(),
                f.failed());
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.round(seconds * 1e9));
    }

    // ---------------------------------------------------------------- reporting

    private Map<String, Object> settingsFigures(String loadAtStart, String loadAtEnd) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("cluster", BenchSettings.NODES + " nodes in one JVM on 127.0.0.1, durable storage in "
                + "a temporary directory (removed after); fsync off on a second cluster");
        s.put("nodes", "RaftServer as the node command runs it, observed only for elections "
                + "(no GUI event relay)");
        s.put("preset", Timing.REAL.toString());
        s.put("warmup_s", settings.warmupSeconds());
        s.put("measure_s", settings.measureSeconds());
        s.put("first_leader_from", String.format(Locale.ROOT, "all five nodes listening "
                + "(starting them took %.0f ms)", startupMillis));
        s.put("crashes", settings.crashes());
        s.put("crash", "abrupt (event loop stopped, nothing sent); timed from the crash to the "
                + "next BecameLeader event");
        s.put("operation", "credit of 1 cent; leader-direct: RaftServer.execute on the leader, "
                + "each answer starting the next request");
        s.put("tcp_clients_to", settings.tcpTarget() + "; one request in flight per client, "
                + "with client and seq");
        s.put("quick", settings.quick());
        s.put("cores", Runtime.getRuntime().availableProcessors());
        s.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        s.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        s.put("fsync_latency", fsyncProbe);
        s.put("load_average_start", loadAtStart);
        s.put("load_average_end", loadAtEnd);
        s.put("duration_s", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        return s;
    }

    private void say(String format, Object... args) {
        double at = (System.nanoTime() - startNanos) / 1e9;
        progress.printf(Locale.ROOT, "bench [%6.1f s] %s%n", at,
                String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
