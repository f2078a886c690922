package org.raftteller.raft;

import java.util.List;

/**
 * Everything the algorithm asks of its runtime after some inputs, to be carried out in this order:
 * <ol>
 *   <li>make {@link #hardState} (when not null) and {@link #entries} durable; any durable entry at
 *       or after the first of {@code entries} is replaced by them;</li>
 *   <li>only then send {@link #messages}: a vote or an acknowledgement must never leave before the
 *       term, vote and entries it promises are on disk;</li>
 *   <li>apply {@link #committed} to the state machine, in order;</li>
 *   <li>serve each of {@link #readStates} once the state machine has applied its index, and fail
 *       the reads in {@link #abortedReads}.</li>
 * </ol>
 * Batches must be carried out in the order they were taken.
 */
public record Ready(HardState hardState, List<Entry> entries, List<Message> messages,
                    List<Entry> committed, List<ReadState> readStates, List<Long> abortedReads,
                    List<RaftEvent> events) {

    public Ready {
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        committed = List.copyOf(committed);
        readStates = List.copyOf(readStates);
        abortedReads = List.copyOf(abortedReads);
        events = List.copyOf(events);
    }

    /** Whether there is anything to persist before the messages may go. */
    public boolean needsPersistence() {
        return hardState != null || !entries.isEmpty();
    }

    public boolean isEmpty() {
        return !needsPersistence() && messages.isEmpty() && committed.isEmpty()
                && readStates.isEmpty() && abortedReads.isEmpty() && events.isEmpty();
    }
}
