package org.raftteller.raft;

import java.util.List;

/**
 * How one server of a cluster behaves. Time is counted in ticks; the runtime decides how long a
 * tick lasts, so the same algorithm runs at every tempo.
 *
 * @param id                  this server's id, one of {@code members}
 * @param members             the ids of every server in the cluster, this one included
 * @param electionTicksMin    the shortest randomized election timeout
 * @param electionTicksMax    the longest randomized election timeout (exclusive)
 * @param heartbeatTicks      how often an idle leader sends heartbeats
 * @param preVote             whether a server asks for pre-votes before raising its term
 * @param checkQuorum         whether a leader steps down when it stops hearing from a majority,
 *                            and whether servers refuse votes while they hear from a leader
 * @param maxEntriesPerAppend the most entries one AppendRequest carries
 * @param maxInflightAppends  how many AppendRequests with entries may be unanswered per follower
 */
public record RaftConfig(int id, List<Integer> members, int electionTicksMin, int electionTicksMax,
                         int heartbeatTicks, boolean preVote, boolean checkQuorum,
                         int maxEntriesPerAppend, int maxInflightAppends) {

    public RaftConfig {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("member ids must be distinct: " + members);
        }
        if (members.stream().anyMatch(m -> m < 1)) {
            throw new IllegalArgumentException("member ids must be positive: " + members);
        }
        if (!members.contains(id)) {
            throw new IllegalArgumentException("id " + id + " is not among the members " + members);
        }
        if (heartbeatTicks < 1) {
            throw new IllegalArgumentException("heartbeatTicks must be at least 1");
        }
        if (electionTicksMin <= heartbeatTicks) {
            throw new IllegalArgumentException(
                    "the election timeout must be longer than the heartbeat interval");
        }
        if (electionTicksMax <= electionTicksMin) {
            throw new IllegalArgumentException("electionTicksMax must exceed electionTicksMin");
        }
        if (maxEntriesPerAppend < 1 || maxInflightAppends < 1) {
            throw new IllegalArgumentException("append batch and window sizes must be at least 1");
        }
    }

    /** The defaults: 10 to 20 ticks to an election, heartbeats every 3, Pre-Vote and CheckQuorum on. */
    public static RaftConfig of(int id, List<Integer> members) {
        return new RaftConfig(id, members, 10, 20, 3, true, true, 64, 64);
    }

    public RaftConfig withElectionTicks(int min, int max, int heartbeat) {
        return new RaftConfig(id, members, min, max, heartbeat, preVote, checkQuorum,
                maxEntriesPerAppend, maxInflightAppends);
    }

    public RaftConfig withPreVote(boolean on) {
        return new RaftConfig(id, members, electionTicksMin, electionTicksMax, heartbeatTicks, on,
                checkQuorum, maxEntriesPerAppend, maxInflightAppends);
    }

    public RaftConfig withCheckQuorum(boolean on) {
        return new RaftConfig(id, members, electionTicksMin, electionTicksMax, heartbeatTicks,
                preVote, on, maxEntriesPerAppend, maxInflightAppends);
    }

    public RaftConfig withReplication(int entriesPerAppend, int inflightAppends) {
        return new RaftConfig(id, members, electionTicksMin, electionTicksMax, heartbeatTicks,
                preVote, checkQuorum, entriesPerAppend, inflightAppends);
    }

    public RaftConfig forMember(int otherId) {
        return new RaftConfig(otherId, members, electionTicksMin, electionTicksMax, heartbeatTicks,
                preVote, checkQuorum, maxEntriesPerAppend, maxInflightAppends);
    }

    /** The number of servers that make a majority. */
    public int quorum() {
        return members.size() / 2 + 1;
    }
}
