package org.raftteller.ui.controls;

/** The keyboard shortcuts, as the help overlay lists them; the controller maps the keys. */
public enum Shortcut {
    PICK("1 \u2026 5", "pick the node to work on"),
    AMOUNT("A", "type an amount (Esc leaves the field)"),
    CREDIT("C or Enter", "credit the amount on the picked node"),
    DEBIT("D or Shift+Enter", "debit the amount on the picked node"),
    QUERY("Q", "query the balance through the picked node"),
    CRASH("X", "crash the picked node"),
    REVIVE("R", "revive the picked node"),
    KILL_LEADER("K", "kill the leader"),
    PAUSE("Space or P", "pause or resume the whole cluster"),
    TEMPO("T", "next tempo: Classroom, Real, Slow motion"),
    FEED_OR_LEGEND("L", "switch between the feed and the legend"),
    HELP("H, ? or F1", "show or hide this help");

    private final String keys;
    private final String action;

    Shortcut(String keys, String action) {
        this.keys = keys;
        this.action = action;
    }

    public String keys() {
        return keys;
    }

    public String action() {
        return action;
    }
}
