package org.raftteller.raft;

/**
 * A linearizable read that may now be served: once the state machine has applied {@code index},
 * its state reflects every operation that completed before the read was requested.
 */
public record ReadState(long context, long index) {
}
