package org.raftteller.ui.feed;

/**
 * One line of the event feed.
 *
 * @param node     the node it is about, 0 when it is about the whole cluster
 * @param clock    wall-clock time it was written, "14:03:07.250"
 */
public record FeedItem(long seq, String clock, int node, FeedKind kind, String text) {

    @Override
    public String toString() {
        return clock + "  " + text;
    }
}
