package org.raftteller.ui.feed;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event feed's view model. Every line is kept, in order; what is shown is the newest
 * {@link #SHOWN} lines that pass the filters, newest first. JavaFX thread only.
 */
public final class FeedModel {

    /** A line that counts its repeats, and how many so far. */
    private record Repeat(FeedItem item, int times) {
    }

    /** How many lines the list shows at most; the history keeps more. */
    public static final int SHOWN = 300;

    /** The history kept for filtering; older lines leave it. */
    // Not yet: lines older than the newest 200,000 cannot be brought back by a filter change.
    static final int HISTORY = 200_000;

    /** A repeating line is counted only while it is among this many newest lines. */
    static final int REPEAT_WINDOW = 40;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final List<FeedItem> history = new ArrayList<>();
    private final ObservableList<FeedItem> shown = FXCollections.observableArrayList();
    private final ObservableList<FeedItem> readOnlyShown =
            FXCollections.unmodifiableObservableList(shown);
    private final ObjectProperty<Integer> nodeFilter = new SimpleObjectProperty<>(this, "node", 0);
    private final ObjectProperty<FeedKind> kindFilter = new SimpleObjectProperty<>(this, "kind");
    private final List<FeedItem> pending = new ArrayList<>();
    private long seq;
    private final Map<String, Repeat> repeats = new HashMap<>();
    private FeedItem openRange;
    private long openRangeFrom;

    public FeedModel() {
        nodeFilter.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
    }

    /** The lines to show, newest first. */
    public ObservableList<FeedItem> shown() {
        return readOnlyShown;
    }

    /** 0 for every node, otherwise the node whose lines to show. */
    public ObjectProperty<Integer> nodeFilterProperty() {
        return nodeFilter;
    }

    /** Null for every kind, otherwise the kind of lines to show. */
    public ObjectProperty<FeedKind> kindFilterProperty() {
        return kindFilter;
    }

    /** Adds a line; it reaches {@link #shown()} at the next {@link #flush()}. */
    public void add(int node, FeedKind kind, String text) {
        FeedItem item = new FeedItem(++seq, LocalTime.now().format(CLOCK), node, kind, text);
        history.add(item);
        pending.add(item);
        openRange = null;
    }

    /**
     * Tells that entries {@code from} to {@code to} are committed. While commits come in bursts
     * and nothing else happens in between, the newest such line grows ("Entries 120 to 5340")
     * instead of a new line every frame: every entry is still told, and the list stays still
     * enough to read.
     */
    public void addCommitRange(int node, long from, long to) {
        FeedItem last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (openRange == null || last != openRange) {
            add(node, FeedKind.LOG, rangeText(from, to));
            openRange = history.get(history.size() - 1);
            openRangeFrom = from;
            return;
        }
        FeedItem grown = new FeedItem(last.seq(), LocalTime.now().format(CLOCK), node,
                FeedKind.LOG, rangeText(openRangeFrom, to));
        history.set(history.size() - 1, grown);
        int p = pending.indexOf(last);
        if (p >= 0) {
            pending.set(p, grown);
        } else if (!shown.isEmpty() && shown.get(0) == last) {
            shown.set(0, grown);
        }
        openRange = grown;
    }

    /**
     * Adds a line that tends to repeat, such as a message lost to a crashed node at every
     * heartbeat. While the last line with the same {@code key} is among the newest
     * {@link #REPEAT_WINDOW} lines, that line is updated to count the repeats instead.
     *
     * @param text the line's text given how many times it happened
     */
    public void addRepeating(String key, int node, FeedKind kind, IntFunction<String> text) {
        Repeat r = repeats.get(key);
        int at = -1;
        for (int i = history.size() - 1; r != null && i >= history.size() - REPEAT_WINDOW
                && i >= 0; i--) {
            if (history.get(i) == r.item) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            add(node, kind, text.apply(1));
            repeats.put(key, new Repeat(history.get(history.size() - 1), 1));
            return;
        }
        int times = r.times + 1;
        FeedItem grown = new FeedItem(r.item.seq(), r.item.clock(), node, kind, text.apply(times));
        history.set(at, grown);
        int p = pending.indexOf(r.item);
        if (p >= 0) {
            pending.set(p, grown);
        } else {
            int shownAt = shown.indexOf(r.item);
            if (shownAt >= 0) {
                shown.set(shownAt, grown);
            }
        }
        repeats.put(key, new Repeat(grown, times));
    }

    private static String rangeText(long from, long to) {
        return "Entries " + from + " to " + to + " are committed";
    }

    /** Shows the lines added since the last flush, once per frame. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<FeedItem> fresh = new ArrayList<>();
        for (int i = pending.size() - 1; i >= 0 && fresh.size() < SHOWN; i--) {
            FeedItem item = pending.get(i);
            if (passes(item)) {
                fresh.add(item);
            }
        }
        pending.clear();
        if (!fresh.isEmpty()) {
            shown.addAll(0, fresh);
            if (shown.size() > SHOWN) {
                shown.remove(SHOWN, shown.size());
            }
        }
        if (history.size() > HISTORY + HISTORY / 10) {
            history.subList(0, history.size() - HISTORY).clear();
        }
    }

    /** Every line kept, oldest first; for tests. */
    public List<FeedItem> history() {
        return List.copyOf(history);
    }

    private boolean passes(FeedItem item) {
        Integer node = nodeFilter.get();
        FeedKind kind = kindFilter.get();
        return (node == null || node == 0 || item.node() == node)
                && (kind == null || item.kind() == kind);
    }

    private void refilter() {
        List<FeedItem> fresh = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && fresh.size() < SHOWN; i--) {
            if (passes(history.get(i))) {
                fresh.add(history.get(i));
            }
        }
        pending.clear();
        shown.setAll(fresh);
    }
}
