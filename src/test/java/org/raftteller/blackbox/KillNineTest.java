package org.raftteller.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.raftteller.blackbox.BankHistoryChecker.Verdict;
import org.raftteller.blackbox.Call.Kind;

/**
 * The black-box fault test: five {@code raft-teller node} processes on loopback at the Real
 * preset, four clients sending credits, debits and balance reads to random nodes, and SIGKILLs
 * with restarts while they run. Afterwards every write left unknown is settled by a retry of its
 * client and seq, all five nodes are killed together and started again, each client's latest
 * write is asked again, and the balance is read through every node. The whole history must be
 * linearizable, and the final balance must be the replay of every write known to have happened.
 *
 * <p>It knows the system only through DESIGN.md's contracts: the {@code node} command line, the
 * data directory's promise and the JSON client protocol.
 *
 * <p>{@code -Draft.blackbox.seconds=300} makes it a soak (default 15 s of chaos);
 * {@code -Draft.blackbox.seed=N} replays a run's random choices (not its timing). On failure the
 * node logs and the full history are kept under {@code target/blackbox-evidence/}, and every
 * passing run adds its summary to {@code runs.txt} there ({@code -Draft.blackbox.keep=true}
 * keeps a passing run's evidence too).
 */
class KillNineTest {

    private static final int SECONDS = Integer.getInteger("raft.blackbox.seconds", 15);
    private static final int CLIENTS = 4;
    private static final Duration SERVING = Duration.ofSeconds(60);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    private final long seed = Long.getLong("raft.blackbox.seed", System.nanoTime());
    private final Queue<Call> history = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Call> finalReads = new ArrayList<>();
    /** The nodes a failure's evidence names, whose logs the message shows; all when empty. */
    private final Set<Integer> relevantNodes = new TreeSet<>();
    /** How long each step took, for the run's summary. */
    private final StringBuilder phases = new StringBuilder();
    private long phaseStart = System.nanoTime();
    private NodeProcesses nodes;
    private Chaos chaos;
    private ExecutorService clients;

    @AfterEach
    void stopEverything() throws InterruptedException {
        stop.set(true);
        try {
            if (chaos != null) {
                chaos.stop();
            }
        } finally {
            try {
                if (clients != null) {
                    clients.shutdownNow();
                    clients.awaitTermination(30, TimeUnit.SECONDS);
                }
            } finally {
                if (nodes != null) {
                    nodes.close();
                }
            }
        }
    }

    @Test
    void historiesStayLinearizableAndNoAcknowledgedWriteIsLostWhileNodesAreKilled(
            TestReporter reporter) throws Exception {
        try {
            // Given five node processes that have elected a leader.
            startFiveNodes();

            // When clients run while nodes are killed and restarted.
            List<ClientLoop> loops = runClientsUnderChaos();

            // Then every write left unknown can be settled, every write survives all five being
            // killed at once, and the whole history is linearizable.
            settleUnknownWrites(loops);
            restartAllAndAskAgain(loops);
            Verdict verdict = checkHistory();
            recordRun(reporter, verdict);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n\n" + context(), e);
        }
    }

    private void startFiveNodes() {
        nodes = new NodeProcesses(dir);
        nodes.startAll();
        nodes.awaitAllServing(SERVING);
        phase("first leader");
    }

    /** Runs the clients and the chaos for the run's length; returns the clients, stopped. */
    private List<ClientLoop> runClientsUnderChaos() throws Exception {
        List<ClientLoop> loops = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 1; i <= CLIENTS; i++) {
            ClientLoop loop = new ClientLoop("client" + i, seed + i, nodes, history, stop);
            loops.add(loop);
            running.add(clients.submit(loop));
        }
        chaos = new Chaos(nodes, seed, 3 * SECONDS);
        chaos.start();

        CompletableFuture.delayedExecutor(SECONDS, TimeUnit.SECONDS).execute(() -> stop.set(true));
        for (Future<?> loop : running) {
            loop.get(SECONDS + 120L, TimeUnit.SECONDS);
        }
        chaos.stop();
        phase("workload");
        if (chaos.failure() != null) {
            throw new AssertionError("a kill or restart failed: " + chaos.failure(),
                    chaos.failure());
        }
        return loops;
    }

    /** With all five back, retries each unknown write's client and seq until it is decided. */
    private void settleUnknownWrites(List<ClientLoop> loops) {
        nodes.startStopped();
        nodes.awaitAllServing(SERVING);
        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (ClientLoop loop : loops) {
            assertThat(loop.settle(deadline))
                    .as("a write left unknown could be settled by retrying its client and seq")
                    .isTrue();
        }
        phase("settling");
    }

    /**
     * Kills all five at once and starts them again; then asks each client's latest write again
     * (its answer must be the original one) and reads the balance through every node.
     */
    private void restartAllAndAskAgain(List<ClientLoop> loops) {
        nodes.killAll();
        nodes.startAll();
        nodes.awaitAllServing(SERVING);
        phase("restarting all");

        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (ClientLoop loop : loops) {
            assertThat(loop.askAgain(deadline))
                    .as("each client's latest write could be asked again").isTrue();
        }
        for (int id : nodes.ids()) {
            finalReads.add(readUntilAnswered(id, deadline));
        }
        phase("final reads");
    }

    private Verdict checkHistory() {
        Verdict verdict = BankHistoryChecker.check(List.copyOf(history), 0);
        phase("checking");
        if (!verdict.linearizable()) {
            verdict.violations().forEach(v -> v.evidence()
                    .forEach(c -> relevantNodes.add(c.node())));
            throw new AssertionError("the history is not linearizable\n" + verdict.report(15));
        }

        for (Call read : finalReads) {
            assertThat(((Call.Ok) read.answer()).balance())
                    .as("the final balance through node %d is the replay of every write known "
                            + "to have happened; %s", read.node(), verdict.summary())
                    .isEqualTo(verdict.finalBalance());
        }
        everyReplicaReaches(verdict.finalBalance());
        phase("replicas");

        // A run too disturbed to do anything would pass without proving anything.
        assertThat(chaos.kills()).as("kills during the run").isGreaterThanOrEqualTo(3);
        assertThat(verdict.appliedWrites()).as("writes applied during the run")
                .isGreaterThanOrEqualTo(20);
        return verdict;
    }

    /** Adds a passing run's summary to runs.txt and to the test's report entries. */
    private void recordRun(TestReporter reporter, Verdict verdict) throws IOException {
        String summary = String.format("seed %d, %d s of chaos: %d kills (%d of the leader); %s;"
                        + " took%s", seed, SECONDS, chaos.kills(), chaos.leaderKills(),
                verdict.summary(), phases);
        reporter.publishEntry("run", summary);
        if (Boolean.getBoolean("raft.blackbox.keep")) {
            summary += "; evidence kept in " + keepEvidence();
        }
        Path runs = evidenceRoot().resolve("runs.txt");
        Files.createDirectories(runs.getParent());
        Files.writeString(runs, LocalDateTime.now() + " " + summary + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.append(String.format(" %s %.1f s", name, (now - phaseStart) / 1e9));
        phaseStart = now;
    }

    private static Path evidenceRoot() {
        return Path.of(System.getProperty("basedir", "."), "target", "blackbox-evidence");
    }

    /** A linearizable balance read through one node, retried until that node answers it. */
    private Call readUntilAnswered(int id, long deadlineNanos) {
        while (true) {
            Call read = BankWire.send(id, nodes.clientAddress(id), Kind.BALANCE, 0, null, 0);
            history.add(read);
            if (read.answer() instanceof Call.Ok) {
                return read;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("node " + id + " did not answer a balance read: "
                        + read.answer());
            }
        }
    }

    /**
     * Each node's own state machine, through status: once it has applied as far as the last
     * read, its balance is the final one. Status is local, not linearizable, so this waits.
     */
    private void everyReplicaReaches(long finalBalance) {
        long lastIndex = finalReads.stream()
                .mapToLong(read -> ((Call.Ok) read.answer()).index()).max().orElseThrow();
        for (int id : nodes.ids()) {
            JsonObject status = await().atMost(SERVING).pollInterval(Duration.ofMillis(50))
                    .until(() -> nodes.status(id).orElse(null),
                            s -> s != null && s.get("lastApplied").getAsLong() >= lastIndex);
            assertThat(status.get("balance").getAsLong())
                    .as("node %d's balance once it applied index %d: %s", id, lastIndex, status)
                    .isEqualTo(finalBalance);
        }
    }

    // ---------------------------------------------------------------- evidence

    /** Seed, chaos, node logs and where the full evidence was kept. */
    private String context() {
        StringBuilder text = new StringBuilder("seed " + seed + " (-Draft.blackbox.seed=" + seed
                + "), " + SECONDS + " s of chaos");
        if (chaos != null) {
            List<String> events = chaos.events();
            text.append("\nchaos, last of ").append(events.size()).append(" events:\n  ")
                    .append(String.join("\n  ",
                            events.subList(Math.max(0, events.size() - 20), events.size())));
        }
        text.append("\nevidence kept in ").append(keepEvidence());
        if (nodes != null) {
            text.append('\n').append(nodes.logTails(relevantNodes, 30));
        }
        return text.toString();
    }

    /** Copies the node logs and the whole history, as the checker reads it, out of @TempDir. */
    private Path keepEvidence() {
        Path target = evidenceRoot().resolve("seed-" + seed);
        try {
            Files.createDirectories(target);
            try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
                for (Path log : logs) {
                    Files.copy(log, target.resolve(log.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<Call> calls = new ArrayList<>(history);
            long origin = calls.stream().mapToLong(Call::invokeNanos).min().orElse(0);
            calls.sort(Comparator.comparingLong(Call::invokeNanos));
            Files.write(target.resolve("history.txt"), calls.stream()
                    .map(c -> BankHistoryChecker.describe(c, origin)).toList(),
                    StandardCharsets.UTF_8);
            if (chaos != null) {
                Files.write(target.resolve("chaos.txt"), chaos.events(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return Path.of("(could not keep evidence: " + e.getMessage() + ")");
        }
        return target;
    }
}
