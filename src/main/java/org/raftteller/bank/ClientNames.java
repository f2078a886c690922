package org.raftteller.bank;

/**
 * The rule for a client's name in the exactly-once table: 1 to 64 of {@code [A-Za-z0-9_-]}, as
 * the client protocol says. Kept in one place because both a command and a decoded bank state
 * carry names, and a name that one accepts the other must accept too.
 */
final class ClientNames {

    static final int MAX_LENGTH = 64;

    private ClientNames() {
    }

    /** Throws IllegalArgumentException unless {@code client} is a valid, non-empty name. */
    static void requireValid(String client) {
        if (client.isEmpty()) {
            throw new IllegalArgumentException("client name is empty; a named client needs "
                    + "1 to " + MAX_LENGTH + " characters");
        }
        if (client.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("client name is " + client.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < client.length(); i++) {
            char c = client.charAt(i);
            if (!isAllowed(c)) {
                throw new IllegalArgumentException("client name contains " + describe(c)
                        + " at index " + i + "; only letters, digits, '_' and '-' are allowed");
            }
        }
    }

    // ASCII ranges on purpose: Character.isLetterOrDigit would let in other scripts' letters,
    // which the protocol does not allow and a one-byte-per-character codec cannot carry.
    static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
    }

    /** A character as a message can show it: quoted when printable ASCII, else its code point. */
    static String describe(char c) {
        if (c >= ' ' && c <= '~') {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
