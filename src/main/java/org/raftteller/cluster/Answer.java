package org.raftteller.cluster;

/**
 * The answer to an operation run on a node of the cluster, as the client protocol gives it.
 *
 * @param error   null on success; otherwise the protocol's error code, such as
 *                {@code insufficient_funds}, {@code no_leader} or {@code timeout}
 * @param balance the balance after the operation, or where it helps a failure; null if unknown
 * @param index   the log index that decided it; null for failures
 * @param leader  the leader that committed it, or the one known on failure; null if none
 */
public record Answer(boolean ok, String error, String message, Long balance, Long index,
                     Long term, int node, Integer leader) {
}
