package org.raftteller.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteResponse;

/**
 * Small builders for driving one Raft server by hand: configurations, logs, servers in a chosen
 * role, messages, and ways to pick what a Ready holds. Timeouts are fixed rather than random so
 * that a test knows exactly when a timer runs out.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** A random source whose every election timeout is {@code electionTicksMin + offset}. */
    static RandomGenerator timeoutOffset(int offset) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded ints are expected");
            }

            @Override
            public int nextInt(int bound) {
                return Math.min(offset, bound - 1);
            }
        };
    }

    /** Every election timeout is the shortest: {@code electionTicksMin}. */
    static RandomGenerator shortestTimeouts() {
        return timeoutOffset(0);
    }

    static List<Integer> members(int size) {
        return IntStream.rangeClosed(1, size).boxed().collect(Collectors.toList());
    }

    /** The defaults of {@link RaftConfig#of}: elections after 10 to 20 ticks, heartbeats every 3. */
    static RaftConfig config(int id, int size) {
        return RaftConfig.of(id, members(size));
    }

    static Raft fresh(RaftConfig config) {
        return new Raft(config, HardState.INITIAL, List.of(), shortestTimeouts());
    }

    static Raft restarted(RaftConfig config, long term, int votedFor, List<Entry> log) {
        return new Raft(config, new HardState(term, votedFor), log, shortestTimeouts());
    }

    /** A log whose entry {@code i + 1} has term {@code terms[i]} and a one-byte command. */
    static List<Entry> log(long... terms) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            entries.add(entry(i + 1, terms[i]));
        }
        return entries;
    }

    static Entry entry(long index, long term) {
        return new Entry(index, term, new byte[] {(byte) index, (byte) term});
    }

    static byte[] command(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Ticks a server that is not leading until its election timer runs out. */
    static void timeOut(Raft raft) {
        RaftStatus status = raft.status();
        int left = status.electionTimeout() - status.electionElapsed();
        for (int i = 0; i < left; i++) {
            raft.tick();
        }
    }

    static void tick(Raft raft, int ticks) {
        for (int i = 0; i < ticks; i++) {
            raft.tick();
        }
    }

    /**
     * Makes the first member of {@code config} leader of {@code term} over {@code durableLog}, by
     * timing it out and handing it just enough (pre-)votes from the lowest other members. The
     * Ready of the election is taken, so the next one holds only what follows.
     */
    static Raft leader(RaftConfig config, long term, List<Entry> durableLog) {
        Raft raft = restarted(config, term - 1, HardState.NO_VOTE, durableLog);
        timeOut(raft);
        List<Integer> voters = raft.peers().subList(0, config.quorum() - 1);
        if (config.preVote()) {
            for (int voter : voters) {
                raft.step(new PreVoteResponse(voter, config.id(), term, true));
            }
        }
        for (int voter : voters) {
            raft.step(new VoteResponse(voter, config.id(), term, true));
        }
        if (raft.role() != Role.LEADER || raft.currentTerm() != term) {
            throw new AssertionError("could not make a leader of term " + term + ": "
                    + raft.status());
        }
        raft.takeReady();
        return raft;
    }

    /** A request from {@code from}, which leads {@code term}, carrying read round 0. */
    static AppendRequest append(int from, int to, long term, long prevIndex, long prevTerm,
                                List<Entry> entries, long leaderCommit) {
        return new AppendRequest(from, to, term, prevIndex, prevTerm, entries, leaderCommit, 0);
    }

    static AppendResponse ack(int from, int to, long term, long index) {
        return ack(from, to, term, index, 0);
    }

    static AppendResponse ack(int from, int to, long term, long index, long seq) {
        return new AppendResponse(from, to, term, true, index, 0, 0, seq);
    }

    static AppendResponse refusal(int from, int to, long term, long index, long hintIndex,
                                  long hintTerm) {
        return new AppendResponse(from, to, term, false, index, hintIndex, hintTerm, 0);
    }

    /** Steps every message of {@code ready} addressed to {@code to}, and takes its Ready. */
    static Ready deliver(Ready ready, Raft to) {
        ready.messages().stream().filter(m -> m.to() == to.id()).forEach(to::step);
        return to.takeReady();
    }

    static <T extends Message> List<T> messages(Ready ready, Class<T> type) {
        return ready.messages().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<Message> messagesTo(Ready ready, int to) {
        return ready.messages().stream().filter(m -> m.to() == to).toList();
    }

    static List<AppendRequest> appendsTo(Ready ready, int to) {
        return messages(ready, AppendRequest.class).stream().filter(m -> m.to() == to).toList();
    }

    static <T extends RaftEvent> List<T> events(Ready ready, Class<T> type) {
        return ready.events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
