package org.raftteller.ui.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.raftteller.raft.Entry;

/**
 * Every node's log as the grid shows it: per node, the term and the command text of each entry,
 * decoded once when the entry arrives. Every LogChanged is applied, none is skipped, because a
 * later one only replaces entries from its own first index on. JavaFX thread only.
 */
public final class LogModel {

    /** One log entry, ready to draw. */
    public record Cell(long index, long term, String text) {
    }

    private final Map<Integer, List<Cell>> logs = new HashMap<>();
    private long version;

    /** The log of {@code node} from {@code entries.get(0).index()} on is now {@code entries}. */
    public void replaceFrom(int node, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Cell> log = logs.computeIfAbsent(node, n -> new ArrayList<>());
        int from = (int) entries.get(0).index() - 1;
        if (from < log.size()) {
            log.subList(Math.max(0, from), log.size()).clear();
        }
        for (Entry e : entries) {
            // Entries come contiguous from index 1; a gap would mean a missed event.
            if (e.index() == log.size() + 1) {
                log.add(new Cell(e.index(), e.term(), EntryText.command(e)));
            }
        }
        version++;
    }

    /** The node restarted from its disk with {@code entries} as its whole log. */
    public void recovered(int node, List<Entry> entries) {
        logs.put(node, new ArrayList<>());
        replaceFrom(node, entries);
        version++;
    }

    /** The entry at {@code index} on {@code node}, or null if its log is shorter. */
    public Cell cell(int node, long index) {
        List<Cell> log = logs.get(node);
        if (log == null || index < 1 || index > log.size()) {
            return null;
        }
        return log.get((int) index - 1);
    }

    public long lastIndex(int node) {
        List<Cell> log = logs.get(node);
        return log == null ? 0 : log.size();
    }

    public long lastIndex() {
        long max = 0;
        for (List<Cell> log : logs.values()) {
            max = Math.max(max, log.size());
        }
        return max;
    }

    /** Grows whenever anything changes, so a view can skip frames with nothing new. */
    public long version() {
        return version;
    }

    /** The text of the entry at {@code index} on any node that has it, newest terms first. */
    public String textAt(long index) {
        Cell best = null;
        for (List<Cell> log : logs.values()) {
            if (index >= 1 && index <= log.size()) {
                Cell c = log.get((int) index - 1);
                if (best == null || c.term() > best.term()) {
                    best = c;
                }
            }
        }
        return best == null ? "?" : best.text();
    }
}
