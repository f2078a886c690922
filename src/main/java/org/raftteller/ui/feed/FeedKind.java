package org.raftteller.ui.feed;

/** What a line of the feed is about; the feed can be filtered by it. */
public enum FeedKind {
    ELECTION("Elections", "election"),
    LEADER("Leaders", "leader"),
    LOG("Log and commits", "log"),
    FAULT("Crashes and lost messages", "fault"),
    CLIENT("Client answers", "client"),
    CONTROL("Tempo and pause", "control");

    private final String label;
    private final String styleClass;

    FeedKind(String label, String styleClass) {
        this.label = label;
        this.styleClass = styleClass;
    }

    public String label() {
        return label;
    }

    /** The style class of a feed line of this kind: {@code feed-election} and so on. */
    public String styleClass() {
        return "feed-" + styleClass;
    }

    @Override
    public String toString() {
        return label;
    }
}
