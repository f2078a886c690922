package org.raftteller.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteRequest;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;

/**
 * One Raft server as a deterministic state machine: no clock, no threads, no I/O.
 *
 * <p>The runtime feeds it inputs ({@link #tick()}, {@link #step(Message)},
 * {@link #propose(byte[])}, {@link #readIndex(long)}) and after each batch of inputs takes a
 * {@link Ready} that says what to persist, send, apply and answer, in that order. Given the same
 * inputs and the same random source it produces the same outputs, which is what lets the whole
 * protocol be tested by simulation.
 *
 * <p>It implements Figure 2 and section 5 of the Raft paper, with what the dissertation adds for
 * production: Pre-Vote and CheckQuorum (9.6), leader leases on votes (4.2.3), the no-op entry at
 * the start of a term (6.4), ReadIndex reads (6.4), fast backtracking of nextIndex (5.3) and
 * pipelined replication.
 */
public final class Raft {

    public static final int NONE = 0;

    private RaftConfig config;
    private final int id;
    private final List<Integer> peers;
    private final int quorum;
    private final RandomGenerator random;
    private final RaftLog log;

    // Persistent state (Figure 2); changes set hardStateDirty.
    private long currentTerm;
    private int votedFor;

    // Volatile state.
    private Role role = Role.FOLLOWER;
    private int leaderId = NONE;
    private long commitIndex;
    /** The highest index handed out in a Ready to be applied. */
    private long appliedIndex;
    private int electionElapsed;
    private int randomizedElectionTimeout;
    private int heartbeatElapsed;
    /** Votes (or pre-votes) received in the current campaign: true granted, false refused. */
    private final Map<Integer, Boolean> votes = new TreeMap<>();

    // Leader state, rebuilt at every election (Figure 2's nextIndex and matchIndex live here).
    private final Map<Integer, Progress> progress = new LinkedHashMap<>();
    /** Whether entries were proposed since the last Ready and still have to be sent. */
    private boolean appendPending;
    /** The latest read round; every AppendRequest carries it and every answer echoes it. */
    private long readSeq;
    /** Reads given a round that has not been sent yet. */
    private boolean readRoundPending;
    /** Reads waiting for a heartbeat round to confirm leadership, oldest first. */
    private final List<PendingRead> pendingReads = new ArrayList<>();
    /** Reads that arrived before this term's no-op committed (section 6.4, step 1). */
    private final List<Long> readsAwaitingTermCommit = new ArrayList<>();

    // Output accumulated since the last Ready.
    private boolean hardStateDirty;
    /** The lowest index changed since the last Ready; entries from here on must be persisted. */
    private long unstableFrom;
    private final List<Message> messages = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private final List<Long> abortedReads = new ArrayList<>();
    private final List<RaftEvent> events = new ArrayList<>();

    private record PendingRead(long context, long index, long seq) {
    }

    /**
     * Restarts a server from what it had made durable: its hard state and its log. A new server
     * passes {@link HardState#INITIAL} and an empty log.
     */
    public Raft(RaftConfig config, HardState durable, List<Entry> durableLog, RandomGenerator random) {
        this.config = config;
        this.id = config.id();
        this.peers = config.members().stream().filter(m -> m != config.id()).sorted().toList();
        this.quorum = config.quorum();
        this.random = random;
        this.log = new RaftLog(durableLog);
        if (log.lastTerm() > durable.currentTerm()) {
            // The log reached the disk but the term that came with it did not. Nothing was sent
            // on the strength of either, so adopting the log's term, with no vote, is safe.
            this.currentTerm = log.lastTerm();
            this.votedFor = NONE;
            this.hardStateDirty = true;
        } else {
            this.currentTerm = durable.currentTerm();
            this.votedFor = durable.votedFor();
        }
        this.unstableFrom = log.lastIndex() + 1;
        resetElectionTimer();
    }

    // ---------------------------------------------------------------- inputs

    /** Advances logical time by one tick. */
    public void tick() {
        if (role == Role.LEADER) {
            tickLeader();
        } else {
            tickElection();
        }
    }

    /**
     * Proposes a command. Only a leader accepts; it appends the command to its log and replicates
     * it with the next Ready. A command must not be empty: the empty command is the no-op.
     */
    public Proposal propose(byte[] command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("a proposed command must not be empty");
        }
        if (role != Role.LEADER) {
            return Proposal.refused(leaderId);
        }
        Entry entry = new Entry(log.lastIndex() + 1, currentTerm, command.clone());
        appendToOwnLog(entry);
        appendPending = true;
        maybeCommit();
        return Proposal.accepted(entry.index(), entry.term(), id);
    }

    /**
     * Asks for a linearizable read, identified by {@code context}. A leader answers later with a
     * {@link ReadState} once a majority has confirmed it still leads, or aborts the read if it
     * stops leading first. Returns false, and does nothing, when this server is not the leader.
     */
    public boolean readIndex(long context) {
        if (role != Role.LEADER) {
            return false;
        }
        if (log.term(commitIndex) != currentTerm) {
            // Until an entry of its own term commits, a new leader does not know the commit index.
            readsAwaitingTermCommit.add(context);
        } else {
            beginRead(context);
        }
        return true;
    }

    /** Handles one message from a peer. Messages not addressed to this server are ignored. */
    public void step(Message m) {
        if (m.to() != id || m.from() == id || !peers.contains(m.from()) || m.term() < 0) {
            return;
        }
        // Pattern matching in switch is only a preview in Java 17, hence instanceof here.
        if (m instanceof PreVoteRequest r) {
            handlePreVoteRequest(r);
        } else if (m instanceof PreVoteResponse r) {
            handlePreVoteResponse(r);
        } else {
            stepWithTerm(m);
        }
    }

    /** Takes everything the inputs since the last call produced. */
    public Ready takeReady() {
        flushAppends();
        flushReadRound();

        HardState hs = hardStateDirty ? new HardState(currentTerm, votedFor) : null;
        List<Entry> unstable = log.slice(unstableFrom, log.lastIndex(), Integer.MAX_VALUE);
        List<Entry> committed = log.slice(appliedIndex + 1, commitIndex, Integer.MAX_VALUE);
        Ready ready = new Ready(hs, unstable, messages, committed, readStates, abortedReads, events);

        hardStateDirty = false;
        unstableFrom = log.lastIndex() + 1;
        appliedIndex = commitIndex;
        messages.clear();
        readStates.clear();
        abortedReads.clear();
        events.clear();
        return ready;
    }

    /**
     * Changes the timeouts, counted in ticks, from the next tick on: for a runtime whose tempo
     * changed. The election timer keeps its elapsed ticks and draws a new timeout.
     */
    public void setTimeouts(int electionTicksMin, int electionTicksMax, int heartbeatTicks) {
        config = config.withElectionTicks(electionTicksMin, electionTicksMax, heartbeatTicks);
        int elapsed = electionElapsed;
        resetElectionTimer();
        electionElapsed = elapsed;
    }

    // ---------------------------------------------------------------- observation

    public RaftStatus status() {
        Map<Integer, FollowerProgress> followers = new TreeMap<>();
        progress.forEach((peer, pr) -> followers.put(peer, pr.snapshot()));
        TreeSet<Integer> granted = new TreeSet<>();
        votes.forEach((voter, yes) -> {
            if (yes) {
                granted.add(voter);
            }
        });
        return new RaftStatus(id, role, currentTerm, votedFor, leaderId, granted, electionElapsed,
                randomizedElectionTimeout, commitIndex, appliedIndex, log.lastIndex(),
                log.lastTerm(), followers);
    }

    public int id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public long currentTerm() {
        return currentTerm;
    }

    public int leader() {
        return leaderId;
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    /** The entry at {@code index}, for observers and tests. */
    public Entry entry(long index) {
        return log.entry(index);
    }

    public RaftConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- timers

    private void tickElection() {
        electionElapsed++;
        if (electionElapsed >= randomizedElectionTimeout) {
            events.add(new RaftEvent.ElectionTimeout(currentTerm, role));
            campaign();
        }
    }

    private void tickLeader() {
        heartbeatElapsed++;
        electionElapsed++;
        if (config.checkQuorum() && electionElapsed >= config.electionTicksMin()) {
            electionElapsed = 0;
            if (!quorumRecentlyActive()) {
                events.add(new RaftEvent.QuorumLost(currentTerm));
                becomeFollower(currentTerm, NONE);
                return;
            }
            progress.values().forEach(pr -> pr.recentActive = false);
        }
        if (heartbeatElapsed >= config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    private boolean quorumRecentlyActive() {
        long active = 1 + progress.values().stream().filter(pr -> pr.recentActive).count();
        return active >= quorum;
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        randomizedElectionTimeout = config.electionTicksMin()
                + random.nextInt(config.electionTicksMax() - config.electionTicksMin());
    }

    /**
     * Section 4.2.3: while a server hears from a leader within the minimum election timeout, it
     * does not let a vote request disturb it, so a server that was cut off cannot depose a
     * healthy leader when it comes back.
     */
    private boolean inLease() {
        return config.checkQuorum() && leaderId != NONE
                && electionElapsed < config.electionTicksMin();
    }

    // ---------------------------------------------------------------- role changes

    private void campaign() {
        if (config.preVote()) {
            becomePreCandidate();
        } else {
            becomeCandidate();
        }
    }

    private void becomePreCandidate() {
        Role previous = role;
        role = Role.PRE_CANDIDATE;
        setLeader(NONE);
        resetElectionTimer();
        votes.clear();
        votes.put(id, true);
        events.add(new RaftEvent.PreVoteStarted(currentTerm + 1));
        if (previous != Role.PRE_CANDIDATE) {
            abortReads();
        }
        for (int peer : peers) {
            send(new PreVoteRequest(id, peer, currentTerm + 1, log.lastIndex(), log.lastTerm()));
        }
        if (grantedVotes() >= quorum) {
            becomeCandidate();
        }
    }

    private void becomeCandidate() {
        role = Role.CANDIDATE;
        setTerm(currentTerm + 1);
        votedFor = id;
        hardStateDirty = true;
        setLeader(NONE);
        resetElectionTimer();
        votes.clear();
        votes.put(id, true);
        events.add(new RaftEvent.ElectionStarted(currentTerm));
        for (int peer : peers) {
            send(new VoteRequest(id, peer, currentTerm, log.lastIndex(), log.lastTerm()));
        }
        if (grantedVotes() >= quorum) {
            becomeLeader();
        }
    }

    private void becomeLeader() {
        role = Role.LEADER;
        setLeader(id);
        TreeSet<Integer> voters = new TreeSet<>();
        votes.forEach((voter, yes) -> {
            if (yes) {
                voters.add(voter);
            }
        });
        votes.clear();
        events.add(new RaftEvent.BecameLeader(currentTerm, voters));
        heartbeatElapsed = 0;
        electionElapsed = 0;
        progress.clear();
        for (int peer : peers) {
            progress.put(peer, new Progress(log.lastIndex() + 1));
        }
        readSeq = 0;
        // Section 8: commit a no-op to learn which entries of earlier terms are committed.
        appendToOwnLog(Entry.noop(log.lastIndex() + 1, currentTerm));
        maybeCommit();
        for (int peer : peers) {
            sendAppend(peer);
        }
    }

    private void becomeFollower(long term, int leader) {
        Role previous = role;
        if (term > currentTerm) {
            setTerm(term);
        }
        role = Role.FOLLOWER;
        setLeader(leader);
        resetElectionTimer();
        votes.clear();
        progress.clear();
        appendPending = false;
        abortReads();
        if (previous != Role.FOLLOWER) {
            events.add(new RaftEvent.BecameFollower(currentTerm, leader, previous));
        }
    }

    private void setTerm(long term) {
        currentTerm = term;
        votedFor = NONE;
        hardStateDirty = true;
        leaderId = NONE; // nobody is known to lead a term that just began
    }

    private void setLeader(int leader) {
        if (leader != leaderId) {
            leaderId = leader;
            if (leader != NONE) {
                events.add(new RaftEvent.LeaderKnown(leader, currentTerm));
            }
        }
    }

    private void abortReads() {
        for (PendingRead read : pendingReads) {
            abortedReads.add(read.context());
        }
        abortedReads.addAll(readsAwaitingTermCommit);
        pendingReads.clear();
        readsAwaitingTermCommit.clear();
        readRoundPending = false;
    }

    // ---------------------------------------------------------------- elections

    private void handlePreVoteRequest(PreVoteRequest r) {
        // A pre-vote changes nobody's term or vote: it only asks whether a real vote could win.
        boolean granted = r.term() > currentTerm && !inLease()
                && log.isUpToDate(r.lastLogIndex(), r.lastLogTerm());
        send(new PreVoteResponse(id, r.from(), granted ? r.term() : currentTerm, granted));
    }

    private void handlePreVoteResponse(PreVoteResponse r) {
        if (!r.granted() && r.term() > currentTerm) {
            becomeFollower(r.term(), NONE);
            return;
        }
        if (role != Role.PRE_CANDIDATE) {
            return;
        }
        if (r.granted() && r.term() != currentTerm + 1) {
            return; // an answer to an earlier round
        }
        votes.put(r.from(), r.granted());
        if (grantedVotes() >= quorum) {
            becomeCandidate();
        } else if (refusedVotes() >= quorum) {
            becomeFollower(currentTerm, NONE);
        }
    }

    private void stepWithTerm(Message m) {
        if (m.term() > currentTerm) {
            if (m instanceof VoteRequest && inLease()) {
                // Refuse without adopting the term: a leader we heard from recently still leads.
                send(new VoteResponse(id, m.from(), currentTerm, false));
                return;
            }
            becomeFollower(m.term(), m instanceof AppendRequest ? m.from() : NONE);
        } else if (m.term() < currentTerm) {
            // Figure 2: refuse requests from an older term, telling the sender the newer one so a
            // deposed leader or stale candidate steps down. Stale answers are simply dropped.
            if (m instanceof AppendRequest r) {
                send(new AppendResponse(id, r.from(), currentTerm, false, r.prevLogIndex(), 0, 0,
                        r.seq()));
            } else if (m instanceof VoteRequest r) {
                send(new VoteResponse(id, r.from(), currentTerm, false));
            }
            return;
        }
        if (m instanceof VoteRequest r) {
            handleVoteRequest(r);
        } else if (m instanceof VoteResponse r) {
            handleVoteResponse(r);
        } else if (m instanceof AppendRequest r) {
            handleAppendRequest(r);
        } else if (m instanceof AppendResponse r) {
            handleAppendResponse(r);
        }
    }

    private void handleVoteRequest(VoteRequest r) {
        boolean canVote = votedFor == NONE || votedFor == r.from();
        boolean granted = canVote && log.isUpToDate(r.lastLogIndex(), r.lastLogTerm());
        if (granted) {
            votedFor = r.from();
            hardStateDirty = true;
            // Granting a vote resets the timer, so this server does not compete with the candidate.
            resetElectionTimer();
            events.add(new RaftEvent.VoteCast(r.from(), currentTerm));
        }
        send(new VoteResponse(id, r.from(), currentTerm, granted));
    }

    private void handleVoteResponse(VoteResponse r) {
        if (role != Role.CANDIDATE) {
            return;
        }
        votes.put(r.from(), r.granted());
        if (grantedVotes() >= quorum) {
            becomeLeader();
        } else if (refusedVotes() >= quorum) {
            becomeFollower(currentTerm, NONE);
        }
    }

    private long grantedVotes() {
        return votes.values().stream().filter(v -> v).count();
    }

    private long refusedVotes() {
        return votes.values().stream().filter(v -> !v).count();
    }

    // ---------------------------------------------------------------- replication: follower

    private void handleAppendRequest(AppendRequest r) {
        if (role == Role.LEADER) {
            throw new IllegalStateException("node " + id + ": two leaders in term " + currentTerm
                    + ", this one and " + r.from() + " (Election Safety broken)");
        }
        if (role != Role.FOLLOWER) {
            becomeFollower(currentTerm, r.from());
        }
        setLeader(r.from());
        electionElapsed = 0;

        long prev = r.prevLogIndex();
        if (prev > log.lastIndex()) {
            send(refusal(r, log.lastIndex() + 1, 0));
            return;
        }
        if (log.term(prev) != r.prevLogTerm()) {
            long conflictTerm = log.term(prev);
            send(refusal(r, log.firstIndexOfTermAt(prev), conflictTerm));
            return;
        }

        for (Entry e : r.entries()) {
            if (log.has(e.index())) {
                if (log.term(e.index()) == e.term()) {
                    continue; // already have it: a duplicate or reordered request
                }
                if (e.index() <= commitIndex) {
                    throw new IllegalStateException("node " + id + ": leader " + r.from()
                            + " would overwrite committed entry " + e.index());
                }
                // Section 5.3: a conflicting entry and all that follow it go.
                events.add(new RaftEvent.LogTruncated(e.index(), log.term(e.index())));
                log.truncateFrom(e.index());
                unstableFrom = Math.min(unstableFrom, e.index());
            }
            log.append(e);
        }

        long lastNew = r.lastIndex();
        long newCommit = Math.min(r.leaderCommit(), lastNew);
        if (newCommit > commitIndex) {
            commitIndex = newCommit;
        }
        send(new AppendResponse(id, r.from(), currentTerm, true, lastNew, 0, 0, r.seq()));
    }

    private AppendResponse refusal(AppendRequest r, long hintIndex, long hintTerm) {
        return new AppendResponse(id, r.from(), currentTerm, false, r.prevLogIndex(), hintIndex,
                hintTerm, r.seq());
    }

    // ---------------------------------------------------------------- replication: leader

    private void appendToOwnLog(Entry entry) {
        log.append(entry);
        unstableFrom = Math.min(unstableFrom, entry.index());
    }

    private void handleAppendResponse(AppendResponse r) {
        if (role != Role.LEADER) {
            return;
        }
        Progress pr = progress.get(r.from());
        pr.recentActive = true;
        if (r.seq() > pr.ackedSeq) {
            pr.ackedSeq = r.seq();
            releaseConfirmedReads();
        }

        if (r.success()) {
            if (r.index() > log.lastIndex()) {
                return; // cannot happen in this term; ignore rather than trust it
            }
            boolean moved = pr.acknowledge(r.index());
            if (pr.state == Progress.State.PROBE) {
                pr.becomeReplicate();
            }
            if (moved) {
                maybeCommit();
            }
            sendAppends(r.from());
            return;
        }

        if (r.index() <= pr.matchIndex && r.hintIndex() <= pr.matchIndex) {
            // The follower no longer holds entries it acknowledged: its disk lost them, as when a
            // damaged last record is dropped at restart. Raft assumes stable storage, so nothing
            // here is safe to count on; forget what it acknowledged and probe it afresh, or the
            // checks at matchIndex would fail for as long as this leader lasts. (A refusal that
            // was merely delayed costs one needless probe.)
            pr.forgetMatch();
            pr.becomeProbe(nextIndexAfterRefusal(r));
            sendAppend(r.from());
            return;
        }
        boolean stale = pr.state == Progress.State.PROBE
                ? r.index() != pr.nextIndex - 1
                : r.index() <= pr.matchIndex;
        if (stale) {
            return;
        }
        pr.becomeProbe(nextIndexAfterRefusal(r));
        sendAppend(r.from());
    }

    /**
     * Fast backtracking (end of section 5.3): instead of stepping back one entry per round trip,
     * skip every entry of the follower's conflicting term, or jump to its end when its log is
     * short. The consistency check of the next probe still decides; the hint only saves rounds.
     */
    private long nextIndexAfterRefusal(AppendResponse r) {
        long next = r.hintIndex();
        if (r.hintTerm() > 0) {
            long ours = log.lastIndexOfTerm(r.hintTerm(), r.index());
            if (ours > 0) {
                next = ours + 1;
            }
        }
        // Always move strictly back past the refused position, and never below 1.
        return Math.max(1, Math.min(next, r.index()));
    }

    /** Sends to {@code peer} as much as its state allows. */
    private void sendAppends(int peer) {
        Progress pr = progress.get(peer);
        if (pr.state == Progress.State.PROBE) {
            sendAppend(peer);
            return;
        }
        while (pr.nextIndex <= log.lastIndex() && !pr.windowFull(config.maxInflightAppends())) {
            sendAppend(peer);
        }
    }

    private void sendAppend(int peer) {
        Progress pr = progress.get(peer);
        if (pr.state == Progress.State.PROBE && pr.probeSent) {
            return;
        }
        long prev = pr.nextIndex - 1;
        List<Entry> entries = log.slice(pr.nextIndex, log.lastIndex(), config.maxEntriesPerAppend());
        if (pr.state == Progress.State.REPLICATE) {
            if (entries.isEmpty() || pr.windowFull(config.maxInflightAppends())) {
                return;
            }
            long last = entries.get(entries.size() - 1).index();
            pr.inflight.addLast(last);
            pr.nextIndex = last + 1;
        } else {
            pr.probeSent = true;
        }
        send(new AppendRequest(id, peer, currentTerm, prev, log.term(prev), entries, commitIndex,
                readSeq));
    }

    private void broadcastHeartbeat() {
        for (int peer : peers) {
            Progress pr = progress.get(peer);
            if (pr.state == Progress.State.PROBE) {
                pr.probeSent = false; // the last probe may be lost: send another
                sendAppend(peer);
                continue;
            }
            if (pr.pipelineStalled()) {
                // The oldest request went unanswered for two whole heartbeat intervals: it or its
                // answer was lost. Find out where the follower stands and resend from there.
                pr.becomeProbe(pr.matchIndex + 1);
                sendAppend(peer);
                continue;
            }
            sendHeartbeat(peer, pr);
        }
    }

    /**
     * A heartbeat checks consistency at the follower's matchIndex, which it is known to hold, and
     * so never causes a refusal; the commit index it carries is capped at that same point.
     */
    private void sendHeartbeat(int peer, Progress pr) {
        long prev = pr.matchIndex;
        send(new AppendRequest(id, peer, currentTerm, prev, log.term(prev), List.of(),
                Math.min(commitIndex, prev), readSeq));
    }

    /**
     * Figure 2, last rule for leaders, with the restriction of section 5.4.2 (Figure 8): only an
     * entry of the current term is committed by counting replicas.
     */
    private void maybeCommit() {
        long[] matches = new long[peers.size() + 1];
        matches[0] = log.lastIndex();
        int i = 1;
        for (Progress pr : progress.values()) {
            matches[i++] = pr.matchIndex;
        }
        Arrays.sort(matches);
        long candidate = matches[matches.length - quorum];
        if (candidate > commitIndex && log.term(candidate) == currentTerm) {
            boolean firstOfTerm = log.term(commitIndex) != currentTerm;
            commitIndex = candidate;
            if (firstOfTerm) {
                for (long context : readsAwaitingTermCommit) {
                    beginRead(context);
                }
                readsAwaitingTermCommit.clear();
            }
        }
    }

    private void flushAppends() {
        if (!appendPending) {
            return;
        }
        appendPending = false;
        for (int peer : peers) {
            sendAppends(peer);
        }
    }

    // ---------------------------------------------------------------- reads (section 6.4)

    private void beginRead(long context) {
        if (quorum == 1) {
            readStates.add(new ReadState(context, commitIndex));
            return;
        }
        // Every read requested before the next Ready shares one heartbeat round.
        pendingReads.add(new PendingRead(context, commitIndex, readSeq + 1));
        readRoundPending = true;
    }

    private void flushReadRound() {
        if (!readRoundPending) {
            return;
        }
        readRoundPending = false;
        readSeq++;
        for (int peer : peers) {
            sendHeartbeat(peer, progress.get(peer));
        }
    }

    private void releaseConfirmedReads() {
        while (!pendingReads.isEmpty()) {
            PendingRead read = pendingReads.get(0);
            long confirmed = 1 + progress.values().stream()
                    .filter(pr -> pr.ackedSeq >= read.seq()).count();
            if (confirmed < quorum) {
                return;
            }
            pendingReads.remove(0);
            readStates.add(new ReadState(read.context(), read.index()));
        }
    }

    private void send(Message m) {
        messages.add(m);
    }

    /** Exposed for tests: the ids of this server's peers. */
    List<Integer> peers() {
        return peers;
    }

    /** Exposed for tests: a copy of the in-memory log. */
    List<Entry> logEntries() {
        return log.slice(1, log.lastIndex(), Integer.MAX_VALUE);
    }

}
