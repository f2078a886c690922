package org.raftteller.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.raftteller.bank.Bank;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;
import org.raftteller.raft.Raft;
import org.raftteller.raft.RaftConfig;
import org.raftteller.raft.Ready;

/**
 * One simulated server: the real core and the real bank, a disk that makes writes durable after a
 * delay, and nothing else. A crash throws away the core, the bank and every write still on its way
 * to the disk; a restart builds them again from what the disk holds.
 */
final class SimNode {

    final int id;
    private final RaftConfig config;

    // The disk: survives crashes.
    HardState durableState = HardState.INITIAL;
    final List<Entry> durableLog = new ArrayList<>();

    // Volatile: lost at every crash.
    Raft raft;
    Bank bank;
    boolean up;
    /** Incarnation, increased at every crash and restart; scheduled work of an old one is void. */
    int life;
    /** Batches handed to the disk and not yet durable, oldest first. */
    final ArrayDeque<Ready> diskQueue = new ArrayDeque<>();
    boolean flushScheduled;
    /** Proposals this server accepted, by log index. */
    final Map<Long, SimClient.Attempt> proposals = new HashMap<>();
    /** Reads this server accepted, by context, before and after their ReadState arrives. */
    final Map<Long, SimClient.Attempt> reads = new HashMap<>();
    final Map<Long, Long> readIndexes = new HashMap<>();

    SimNode(int id, RaftConfig config) {
        this.id = id;
        this.config = config;
    }

    void start(RandomGenerator random) {
        raft = new Raft(config, durableState, List.copyOf(durableLog), random);
        bank = new Bank();
        up = true;
        life++;
    }

    void crash() {
        up = false;
        raft = null;
        bank = null;
        life++;
        diskQueue.clear();
        flushScheduled = false;
        proposals.clear();
        reads.clear();
        readIndexes.clear();
    }

    /** Makes one batch durable, as a real disk would at the end of an fsync. */
    void persist(Ready ready) {
        if (ready.hardState() != null) {
            durableState = ready.hardState();
        }
        if (!ready.entries().isEmpty()) {
            long first = ready.entries().get(0).index();
            while (durableLog.size() >= first) {
                durableLog.remove(durableLog.size() - 1);
            }
            durableLog.addAll(ready.entries());
        }
    }
}
