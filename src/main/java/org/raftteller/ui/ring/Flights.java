package org.raftteller.ui.ring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.raftteller.cluster.ClusterEvent;

/**
 * The ring's model of messages in flight, keyed by trace id: a message is in flight from its
 * MessageSent until its MessageDelivered or MessageDropped. JavaFX thread only.
 *
 * <p>Three cases get no closing event from the cluster, so they are closed here instead: a
 * forwarded client request or answer (the cluster reports no delivery for them) ends when its
 * transit time is up; a message to or from a node that crashes ends with the crash; and anything
 * still open {@link #STALE_MILLIS} after its transit time is given up as lost from sight.
 */
public final class Flights {

    static final long STALE_MILLIS = 3_000;

    private final Map<Long, Flight> open = new LinkedHashMap<>();
    private long sentTotal;

    public void sent(ClusterEvent.MessageSent e, long clusterNanos) {
        sentTotal++;
        open.put(e.traceId(), new Flight(e.traceId(), e.node(), e.to(), e.message(), e.summary(),
                clusterNanos, e.transitMillis()));
    }

    public void delivered(ClusterEvent.MessageDelivered e) {
        open.remove(e.traceId());
    }

    /** Ends the flight; returns it, or null if it was not open. */
    public Flight dropped(ClusterEvent.MessageDropped e) {
        return open.remove(e.traceId());
    }

    public void crashed(int node) {
        open.values().removeIf(f -> f.from() == node || f.to() == node);
    }

    /** Ends the flights the cluster will never close; see the class comment. */
    public void expire(long clusterNanos) {
        Iterator<Flight> it = open.values().iterator();
        while (it.hasNext()) {
            Flight f = it.next();
            long ageMillis = (clusterNanos - f.startNanos()) / 1_000_000;
            boolean forwardArrived = f.message() == null && ageMillis >= f.transitMillis();
            if (forwardArrived || ageMillis > f.transitMillis() + STALE_MILLIS) {
                it.remove();
            }
        }
    }

    public void clear() {
        open.clear();
    }

    /** Oldest first. */
    public Collection<Flight> inFlight() {
        return open.values();
    }

    public int size() {
        return open.size();
    }

    /** Every message ever sent; for the status line. */
    public long sentTotal() {
        return sentTotal;
    }

    /** The newest {@code max} flights, oldest first. */
    public List<Flight> newest(int max) {
        List<Flight> all = new ArrayList<>(open.values());
        return all.size() <= max ? all : all.subList(all.size() - max, all.size());
    }
}
