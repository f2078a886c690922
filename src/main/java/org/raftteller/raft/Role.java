package org.raftteller.raft;

/** The role a server plays (Figure 2), plus the pre-candidate of Pre-Vote (dissertation 9.6). */
public enum Role {
    FOLLOWER,
    /** Asking whether it could win an election before disturbing anyone's term. */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER;

    /** The role in plain lower-case words, as people and the client protocol spell it. */
    public String word() {
        return this == PRE_CANDIDATE ? "pre-candidate" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
