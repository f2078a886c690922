package org.raftteller.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.raftteller.bank.BankCommand;
import org.raftteller.bank.CommandCodec;
import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.NodeView;
import org.raftteller.raft.Entry;
import org.raftteller.raft.FollowerProgress;
import org.raftteller.raft.Message;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;

/** Cluster events made by hand, for view-model tests that need no cluster. */
public final class Events {

    private Events() {
    }

    public static ClusterEvent.StateChanged state(int node, Role role, long term, int leader,
                                                  long commit, long lastApplied, long balance) {
        return state(node, role, term, leader, commit, lastApplied, balance, Map.of());
    }

    public static ClusterEvent.StateChanged state(int node, Role role, long term, int leader,
                                                  long commit, long lastApplied, long balance,
                                                  Map<Integer, FollowerProgress> followers) {
        RaftStatus raft = new RaftStatus(node, role, term, leader, leader, Set.of(), 3, 20,
                commit, lastApplied, commit, term, followers);
        return new ClusterEvent.StateChanged(node, new NodeView(node, true, false, raft,
                lastApplied, balance));
    }

    public static Entry credit(long index, long term, long cents) {
        return new Entry(index, term, CommandCodec.encode(new BankCommand.Credit(cents)));
    }

    public static Entry debit(long index, long term, long cents) {
        return new Entry(index, term, CommandCodec.encode(new BankCommand.Debit(cents)));
    }

    public static ClusterEvent.LogChanged log(int node, Entry... entries) {
        return new ClusterEvent.LogChanged(node, List.of(entries));
    }

    public static ClusterEvent.MessageSent heartbeat(long trace, int from, int to, int transit) {
        Message m = new Message.AppendRequest(from, to, 2, 0, 0, List.of(), 0, 0);
        return new ClusterEvent.MessageSent(from, to, trace, m, "heartbeat", 0, transit);
    }

    public static ClusterEvent.MessageDelivered delivered(long trace, int from, int to) {
        return new ClusterEvent.MessageDelivered(to, from, trace, 0);
    }

    public static List<ClusterEvent> batch(ClusterEvent... events) {
        return new ArrayList<>(List.of(events));
    }
}
