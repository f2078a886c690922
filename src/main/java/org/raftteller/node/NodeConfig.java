package org.raftteller.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one node needs to run.
 *
 * @param cluster    every node's peer address, this node's included; a port of 0 asks the system
 *                   for a free one (for in-process clusters that learn ports after binding)
 * @param clientPort the port for the JSON client protocol on this node's host; 0 for any free one
 * @param fsync      false only for benchmarks: acknowledged writes may then be lost on power loss
 * @param clusterId  names the cluster on the wire, so a node never talks to another cluster's
 */
public record NodeConfig(int id, Map<Integer, InetSocketAddress> cluster, int clientPort,
                         Path dataDir, Timing timing, boolean fsync, String clusterId) {

    public NodeConfig {
        cluster = Map.copyOf(new TreeMap<>(cluster));
        if (!cluster.containsKey(id)) {
            throw new IllegalArgumentException("node " + id + " is not in the cluster "
                    + cluster.keySet());
        }
        if (clientPort < 0 || clientPort > 65_535) {
            throw new IllegalArgumentException("client port " + clientPort + " is out of range");
        }
    }

    public InetSocketAddress peerAddress() {
        return cluster.get(id);
    }

    public NodeConfig withCluster(Map<Integer, InetSocketAddress> addresses) {
        return new NodeConfig(id, addresses, clientPort, dataDir, timing, fsync, clusterId);
    }

    public NodeConfig withClientPort(int port) {
        return new NodeConfig(id, cluster, port, dataDir, timing, fsync, clusterId);
    }

    public NodeConfig withTiming(Timing newTiming) {
        return new NodeConfig(id, cluster, clientPort, dataDir, newTiming, fsync, clusterId);
    }
}
