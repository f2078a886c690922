package org.raftteller.blackbox;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.google.gson.JsonObject;

/**
 * Five {@code raft-teller node} processes on loopback at the Real timing preset, started through
 * the command line exactly as DESIGN.md states it, each with its own data directory and log.
 */
final class NodeProcesses implements AutoCloseable {

    static final int SIZE = 5;
    private static final String LOOPBACK = "127.0.0.1";
    // Below Linux's ephemeral range (32768 and up), so no other program's outgoing connection
    // takes a port while its node is down between a kill and a restart.
    private static final int LOWEST_PORT = 20_000;
    private static final int PORTS = 12_000;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<InetSocketAddress> clientAddresses = new ArrayList<>();
    private final Thread cleanUpOnExit = new Thread(this::destroyAll, "kill-nodes-on-exit");

    NodeProcesses(Path dir) {
        int[] ports = freePorts(2 * SIZE);
        String cluster = IntStream.rangeClosed(1, SIZE)
                .mapToObj(i -> i + "=" + LOOPBACK + ":" + ports[i - 1])
                .collect(Collectors.joining(","));
        for (int i = 1; i <= SIZE; i++) {
            int clientPort = ports[SIZE + i - 1];
            Path data = dir.resolve("node" + i);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx128m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-cp", nodeClassPath(), "org.raftteller.cli.Main",
                    "node", "--id", Integer.toString(i), "--cluster", cluster,
                    "--client-port", Integer.toString(clientPort), "--data", data.toString(),
                    "--election-timeout", "150-300", "--heartbeat", "50"));
            nodes.add(new NodeProcess(i, command, dir.resolve("node" + i + ".log")));
            clientAddresses.add(new InetSocketAddress(LOOPBACK, clientPort));
        }
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
    }

    List<Integer> ids() {
        return IntStream.rangeClosed(1, SIZE).boxed().toList();
    }

    NodeProcess node(int id) {
        return nodes.get(id - 1);
    }

    InetSocketAddress clientAddress(int id) {
        return clientAddresses.get(id - 1);
    }

    void startAll() {
        nodes.forEach(NodeProcess::start);
    }

    void killAll() {
        nodes.forEach(NodeProcess::kill);
    }

    /** Starts every node that is not running (after failing on any that died by itself). */
    void startStopped() {
        requireNoneDiedOnItsOwn();
        nodes.stream().filter(n -> !n.isRunning()).forEach(NodeProcess::start);
    }

    /** A node's own status answer, empty when it does not answer. */
    Optional<JsonObject> status(int id) {
        return BankWire.status(clientAddress(id));
    }

    /** The node that says it leads, in the highest term any says so; 0 when none does. */
    int leader() {
        int leader = 0;
        long term = -1;
        for (int id : ids()) {
            Optional<JsonObject> status = node(id).isRunning() ? status(id) : Optional.empty();
            if (status.isPresent() && "leader".equals(status.get().get("role").getAsString())
                    && status.get().get("term").getAsLong() > term) {
                leader = id;
                term = status.get().get("term").getAsLong();
            }
        }
        return leader;
    }

    /**
     * Waits until all five run and answer status and one of them leads. Fails at once, with its
     * log, if a node ends by itself meanwhile.
     */
    void awaitAllServing(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            requireNoneDiedOnItsOwn();
            Set<Integer> answering = new HashSet<>();
            boolean leading = false;
            for (int id : ids()) {
                Optional<JsonObject> status = status(id);
                if (status.isPresent()) {
                    answering.add(id);
                    leading |= "leader".equals(status.get().get("role").getAsString());
                }
            }
            return answering.size() == SIZE && leading;
        });
    }

    void requireNoneDiedOnItsOwn() {
        for (NodeProcess node : nodes) {
            OptionalInt status = node.diedOnItsOwn();
            if (status.isPresent()) {
                throw new AssertionError("node " + node.id() + " exited by itself with status "
                        + status.getAsInt() + "\n" + node.tail(60));
            }
        }
    }

    /** The last lines of the named nodes' logs, or of all of them when none is named. */
    String logTails(Set<Integer> ids, int lines) {
        return nodes.stream().filter(n -> ids.isEmpty() || ids.contains(n.id()))
                .map(n -> n.tail(lines)).collect(Collectors.joining("\n"));
    }

    private void destroyAll() {
        nodes.forEach(NodeProcess::destroy);
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is doing the same work.
        }
    }

    /** The nodes run this test's own class path, less the test classes and their logback-test. */
    static String nodeClassPath() {
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !Path.of(entry).getFileName().toString().equals("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int[] freePorts(int count) {
        // Not the test's seeded random: which ports are free varies from run to run anyway.
        Random random = new Random();
        Set<Integer> chosen = new HashSet<>();
        int[] ports = new int[count];
        int found = 0;
        for (int tries = 0; found < count && tries < 10_000; tries++) {
            int port = LOWEST_PORT + random.nextInt(PORTS);
            if (!chosen.contains(port) && bindable(port)) {
                chosen.add(port);
                ports[found++] = port;
            }
        }
        if (found < count) {
            throw new IllegalStateException("found only " + found + " free loopback ports");
        }
        return ports;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
