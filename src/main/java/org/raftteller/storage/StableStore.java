package org.raftteller.storage;

import java.io.IOException;
import java.util.List;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;

/**
 * Stable storage in the paper's sense: where a server puts its term, vote and log before it
 * answers (Figure 2). Writing and making durable are separate steps, so that many writes can
 * share one fsync.
 */
public interface StableStore {

    /**
     * Writes a new hard state (unless null) and entries, without waiting for the disk. Entries
     * whose first index is at or below the last stored index replace the stored suffix.
     */
    void persist(HardState hardStateOrNull, List<Entry> entries) throws IOException;

    /** Makes everything persisted so far durable. */
    void sync() throws IOException;
}
