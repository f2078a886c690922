package org.raftteller.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A few Raft servers wired together by hand. Each server's Ready is taken after every input; its
 * messages wait in one first-in first-out queue until the test delivers them. A server can be
 * cut off, which drops every message to or from it. There is no clock and no randomness: a test
 * decides who ticks and when, and server {@code i} always times out after
 * {@code electionTicksMin + i - 1} ticks. (The randomized network simulator lives in the sim package.)
 */
final class Harness {

    private final Map<Integer, Raft> nodes = new TreeMap<>();
    private final Map<Integer, List<Ready>> readies = new TreeMap<>();
    private final Deque<Message> inFlight = new ArrayDeque<>();
    private final Set<Integer> cutOff = new HashSet<>();

    Harness(RaftConfig config) {
        for (int id : config.members()) {
            // Distinct timeouts (node i waits electionTicksMin + i - 1) so elections never tie.
            nodes.put(id, new Raft(config.forMember(id), HardState.INITIAL, List.of(),
                    Fixtures.timeoutOffset(id - 1)));
            readies.put(id, new ArrayList<>());
        }
    }

    Raft node(int id) {
        return nodes.get(id);
    }

    /** Takes every server's Ready and puts its messages in flight. */
    void flush() {
        nodes.forEach((id, raft) -> {
            Ready ready = raft.takeReady();
            readies.get(id).add(ready);
            inFlight.addAll(ready.messages());
        });
    }

    /** Delivers messages, oldest first, until none is left. */
    void deliverAll() {
        flush();
        int delivered = 0;
        while (!inFlight.isEmpty()) {
            if (++delivered > 100_000) {
                throw new AssertionError("messages never stop flowing");
            }
            Message m = inFlight.removeFirst();
            if (!cutOff.contains(m.from()) && !cutOff.contains(m.to())) {
                nodes.get(m.to()).step(m);
            }
            flush();
        }
    }

    void cutOff(int id) {
        cutOff.add(id);
    }

    void reconnect(int id) {
        cutOff.remove(id);
    }

    /** Times {@code id} out and lets the election run to its end. */
    void elect(int id) {
        Fixtures.timeOut(node(id));
        deliverAll();
        if (node(id).role() != Role.LEADER) {
            throw new AssertionError("node " + id + " did not win: " + node(id).status());
        }
    }

    /** Ticks every server once per tick, delivering everything in between. */
    void tickAll(int ticks) {
        for (int t = 0; t < ticks; t++) {
            nodes.forEach((id, raft) -> raft.tick());
            deliverAll();
        }
    }

    List<Entry> committed(int id) {
        return readies.get(id).stream().flatMap(r -> r.committed().stream()).toList();
    }

    List<ReadState> readStates(int id) {
        return readies.get(id).stream().flatMap(r -> r.readStates().stream()).toList();
    }

    List<RaftEvent> events(int id) {
        return readies.get(id).stream().flatMap(r -> r.events().stream()).toList();
    }
}
