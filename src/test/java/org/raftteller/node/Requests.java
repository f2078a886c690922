package org.raftteller.node;

/**
 * Request lines of the client protocol, written out by hand as DESIGN.md shows them, so that the
 * tests do not lean on the node's own formatter. An id is a String (sent quoted), a Number (sent
 * as its digits) or null (no id).
 */
final class Requests {

    private Requests() {
    }

    static String credit(Object id, long amount) {
        return line(id, "credit", ",\"amount\":" + amount);
    }

    static String debit(Object id, long amount) {
        return line(id, "debit", ",\"amount\":" + amount);
    }

    static String credit(Object id, long amount, String client, long seq) {
        return line(id, "credit", ",\"amount\":" + amount + session(client, seq));
    }

    static String debit(Object id, long amount, String client, long seq) {
        return line(id, "debit", ",\"amount\":" + amount + session(client, seq));
    }

    static String balance(Object id) {
        return line(id, "balance", "");
    }

    static String status(Object id) {
        return line(id, "status", "");
    }

    private static String session(String client, long seq) {
        return ",\"client\":\"" + client + "\",\"seq\":" + seq;
    }

    private static String line(Object id, String op, String rest) {
        StringBuilder line = new StringBuilder("{");
        if (id instanceof String s) {
            line.append("\"id\":\"").append(s).append("\",");
        } else if (id != null) {
            line.append("\"id\":").append(id).append(',');
        }
        return line.append("\"op\":\"").append(op).append('"').append(rest).append('}')
                .toString();
    }
}
