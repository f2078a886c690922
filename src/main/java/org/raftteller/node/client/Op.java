package org.raftteller.node.client;

import java.util.Optional;

/** The operations of the client protocol, by the names DESIGN.md gives them on the wire. */
public enum Op {
    CREDIT("credit"),
    DEBIT("debit"),
    BALANCE("balance"),
    STATUS("status");

    private final String wireName;

    Op(String wireName) {
        this.wireName = wireName;
    }

    /** The name as a request's {@code "op"} field spells it: "credit", "debit", ... */
    public String wireName() {
        return wireName;
    }

    /** Whether the operation moves money, and so needs an amount and goes through the log. */
    public boolean movesMoney() {
        return this == CREDIT || this == DEBIT;
    }

    /** The operation a wire name stands for; case matters, as it does everywhere in JSON. */
    public static Optional<Op> fromWireName(String name) {
        for (Op op : values()) {
            if (op.wireName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
