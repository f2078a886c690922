package org.raftteller.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.raftteller.node.NodeConfig;
import org.raftteller.node.NodeObserver;
import org.raftteller.node.NodeStartException;
import org.raftteller.node.RaftServer;
import org.raftteller.node.Timing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code raft-teller node}: one Raft node, headless, until it is stopped or killed. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs one Raft node of a cluster, headless, until stopped.",
            "Killed and started again with the same arguments, it recovers from its data directory."})
final class NodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, description = "this node's id in --cluster")
    private int id;

    @Option(names = "--cluster", required = true, paramLabel = "ID=HOST:PORT,...",
            description = "every node's id and peer address, this one's included, e.g. "
                    + "1=127.0.0.1:7101,2=127.0.0.1:7102,3=127.0.0.1:7103")
    private String cluster;

    @Option(names = "--client-port", required = true, description = "port for the JSON client protocol")
    private int clientPort;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "data directory")
    private Path data;

    @Option(names = "--election-timeout", defaultValue = "150-300", paramLabel = "MIN-MAX",
            description = "election timeout range in ms (default: ${DEFAULT-VALUE})")
    private String electionTimeout;

    @Option(names = "--heartbeat", defaultValue = "50", paramLabel = "MS",
            description = "heartbeat interval in ms (default: ${DEFAULT-VALUE})")
    private int heartbeat;

    @Option(names = "--cluster-id", defaultValue = "raft-teller",
            description = "names the cluster on the wire (default: ${DEFAULT-VALUE})")
    private String clusterId;

    @Option(names = "--unsafe-no-fsync",
            description = "UNSAFE, for benchmarks only: do not fsync; a power loss may lose "
                    + "acknowledged writes")
    private boolean noFsync;

    @Override
    public Integer call() throws InterruptedException {
        Map<Integer, InetSocketAddress> peers = parseCluster(cluster);
        Timing timing = parseTiming();
        NodeConfig config;
        try {
            config = new NodeConfig(id, peers, clientPort, data, timing, !noFsync, clusterId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RaftServer server;
        try {
            server = RaftServer.start(config, NodeObserver.NONE);
        } catch (NodeStartException e) {
            spec.commandLine().getErr().println("raft-teller node: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "node-shutdown"));
        stopped.await();
        return 0;
    }

    private Timing parseTiming() {
        String[] range = electionTimeout.split("-");
        try {
            if (range.length != 2) {
                throw new NumberFormatException();
            }
            return Timing.fromMillis(Integer.parseInt(range[0].trim()),
                    Integer.parseInt(range[1].trim()), heartbeat);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--election-timeout must be a range "
                    + "of milliseconds like 150-300, not \"" + electionTimeout + "\"");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Parses {@code 1=127.0.0.1:7101,2=...}. */
    private Map<Integer, InetSocketAddress> parseCluster(String text) {
        Map<Integer, InetSocketAddress> peers = new TreeMap<>();
        for (String item : text.split(",")) {
            String[] idAndAddress = item.trim().split("=", 2);
            int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
            if (colon < 1) {
                throw new ParameterException(spec.commandLine(), "--cluster entry \"" + item
                        + "\" is not ID=HOST:PORT");
            }
            try {
                int nodeId = Integer.parseInt(idAndAddress[0].trim());
                String host = idAndAddress[1].substring(0, colon);
                int port = Integer.parseInt(idAndAddress[1].substring(colon + 1));
                if (nodeId < 1 || port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
                if (peers.put(nodeId, new InetSocketAddress(host, port)) != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--cluster names node " + nodeId + " twice");
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--cluster entry \"" + item
                        + "\" needs a positive id and a port from 1 to 65535");
            }
        }
        return peers;
    }
}
