package org.raftteller.storage;

/**
 * Which node of which cluster a data directory belongs to. Recorded on first open so that a
 * directory cannot be reused by another node by mistake: node 3 starting on node 2's log
 * would vote and acknowledge with someone else's history.
 *
 * @param nodeId    the node's id in the cluster, at least 1
 * @param clusterId a name for the cluster: 1 to 128 characters, printable ASCII, no spaces
 */
public record NodeIdentity(int nodeId, String clusterId) {

    public NodeIdentity {
        if (nodeId < 1) {
            throw new IllegalArgumentException("node id must be at least 1, was " + nodeId);
        }
        if (clusterId == null || !clusterId.matches("[!-~]{1,128}")) {
            throw new IllegalArgumentException("cluster id must be 1 to 128 printable ASCII "
                    + "characters without spaces, was " + clusterId);
        }
    }

    @Override
    public String toString() {
        return "node " + nodeId + " of cluster " + clusterId;
    }
}
