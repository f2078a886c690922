package org.raftteller.blackbox;

import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Kills random nodes with SIGKILL while the clients run, sometimes the leader, and starts each
 * again with the same arguments a little later. The pauses between actions are drawn from the
 * seeded random and scheduled, never slept: they are the workload's rhythm, not waits for state.
 *
 * <p>Usually at most two nodes are down, so a majority can still serve; now and then a third
 * goes too, and the clients must get no_leader or timeout, never a wrong answer.
 */
final class Chaos implements AutoCloseable {

    private final NodeProcesses nodes;
    private final Random random;
    private final int maxKills;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "chaos"));
    /** Read by the test while chaos runs, when a failure needs telling. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    // Touched only on the scheduler's one thread, and read by the test after stop().
    private final Set<Integer> down = new HashSet<>();
    private int kills;
    private int leaderKills;
    private volatile Throwable failure;

    Chaos(NodeProcesses nodes, long seed, int maxKills) {
        this.nodes = nodes;
        this.random = new Random(seed);
        this.maxKills = maxKills;
        // Stopping lets a kill or restart in progress finish and drops the ones not yet due.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void start() {
        scheduleNextKill();
    }

    /** Stops after the action in progress; nodes it killed may stay down, for the test to start. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the chaos thread did not stop within 60 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Why a kill or a restart failed, if one did; null otherwise. */
    Throwable failure() {
        return failure;
    }

    int kills() {
        return kills;
    }

    int leaderKills() {
        return leaderKills;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    private void scheduleNextKill() {
        if (kills < maxKills) {
            later(this::killOne, 300 + random.nextInt(1_200));
        }
    }

    private void killOne() {
        try {
            boolean majorityKill = down.size() == 2 && random.nextInt(6) == 0;
            if (down.size() < 2 || majorityKill) {
                // A third of the time aim at the leader, if one is known and up.
                int leader = nodes.leader();
                boolean aimAtLeader = random.nextInt(3) == 0 && leader != 0
                        && !down.contains(leader);
                List<Integer> up = nodes.ids().stream().filter(id -> !down.contains(id)).toList();
                int target = aimAtLeader ? leader : up.get(random.nextInt(up.size()));

                nodes.node(target).kill();
                down.add(target);
                kills++;
                leaderKills += target == leader ? 1 : 0;
                event("killed node " + target + (target == leader ? " (the leader)" : "")
                        + ", down now " + down);
                later(() -> restart(target), 200 + random.nextInt(1_800));
            }
            scheduleNextKill();
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void restart(int id) {
        try {
            nodes.node(id).start();
            down.remove(id);
            event("restarted node " + id + ", down now " + down);
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void later(Runnable action, int millis) {
        try {
            scheduler.schedule(action, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile: the test starts whatever is still down.
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        event("failed: " + t);
        scheduler.shutdown();
    }

    private void event(String what) {
        events.add(LocalTime.now() + " " + what);
    }
}
