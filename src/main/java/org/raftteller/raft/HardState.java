package org.raftteller.raft;

/**
 * The part of a server's state other than its log that must survive a crash (Figure 2,
 * "persistent state on all servers"): the latest term it has seen and whom it voted for in it.
 *
 * @param currentTerm the latest term this server has seen, 0 on first boot
 * @param votedFor    the candidate that received this server's vote in {@code currentTerm},
 *                    or {@link #NO_VOTE}
 */
public record HardState(long currentTerm, int votedFor) {

    public static final int NO_VOTE = 0;
    public static final HardState INITIAL = new HardState(0, NO_VOTE);

    public HardState {
        if (currentTerm < 0) {
            throw new IllegalArgumentException("term must not be negative, was " + currentTerm);
        }
        if (votedFor < 0) {
            throw new IllegalArgumentException("votedFor must not be negative, was " + votedFor);
        }
    }
}
