package org.raftteller.node.client;

/** Small helpers for the one-sentence messages of the client protocol. */
final class Sentences {

    /** How much of a client's own text a message repeats before cutting it short. */
    static final int MAX_QUOTED = 40;

    private Sentences() {
    }

    /**
     * The text as a message may repeat it: at most {@link #MAX_QUOTED} characters, then "...".
     * Escaping is the JSON writer's job; this only keeps a 60 KiB op name out of the answer.
     */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return text;
        }
        int end = MAX_QUOTED;
        // Never cut a surrogate pair in half: the JSON writer would emit a lone surrogate.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /** A character as a message can show it: quoted when printable ASCII, else its code. */
    static String describe(char c) {
        if (c >= ' ' && c <= '~') {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
