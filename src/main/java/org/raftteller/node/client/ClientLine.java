package org.raftteller.node.client;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonToken;

import org.raftteller.bank.Money;
import org.raftteller.node.client.JsonObjectLine.MalformedLine;
import org.raftteller.node.client.JsonObjectLine.Value;

/**
 * The client's side of the protocol, for {@code raft-teller client} and anything else that talks
 * to a node: builds request lines from what a person types ({@code credit 12.50}, {@code debit
 * 5}, {@code balance}, {@code status}) and turns an answer line into a sentence to print.
 */
public final class ClientLine {

    private static final String USAGE = "use credit AMOUNT, debit AMOUNT, balance or status";

    private ClientLine() {
    }

    /** The answer to a request, as a person reads it, and whether it was a success. */
    public record Answer(boolean ok, String text) {

        public Answer {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A request line, without the {@code \n}: {@code request(Op.CREDIT, 1250, 7)} gives
     * {@code {"id":7,"op":"credit","amount":1250}}.
     *
     * @param cents 1 to 10^12 for credit and debit; 0 for balance and status
     * @param id    a String, an integral Number that fits in a long, or null for none
     * @throws IllegalArgumentException for anything the protocol would refuse
     */
    public static String request(Op op, long cents, Object id) {
        return new ClientRequest(id(id), op, cents, null, 0).toLine();
    }

    /** Like {@link #request(Op, long, Object)}, with an exactly-once client and seq. */
    public static String request(Op op, long cents, Object id, String client, long seq) {
        return new ClientRequest(id(id), op, cents, client, seq).toLine();
    }

    /**
     * An id as a request carries it: a String stays a string, an Integer, Long, Short, Byte or
     * BigInteger that fits a long becomes a number; null means none.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static JsonElement id(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof String) {
            return new JsonPrimitive((String) id);
        }
        if (id instanceof Long || id instanceof Integer || id instanceof Short
                || id instanceof Byte || id instanceof BigInteger) {
            return RequestRules.requireValidId(new JsonPrimitive((Number) id));
        }
        throw new IllegalArgumentException(RequestRules.ID_RULE + ", but was a "
                + id.getClass().getSimpleName());
    }

    /**
     * The request a person typed as command-line words, amounts in decimal money:
     * {@code ["credit", "12.50"]}, {@code ["debit", "5"]}, {@code ["balance"]},
     * {@code ["status"]}. Commands are case-insensitive.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static ClientRequest fromArguments(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("say what to do: " + USAGE);
        }
        String command = words.get(0).toLowerCase(Locale.ROOT);
        Op op = Op.fromWireName(command).orElseThrow(() -> new IllegalArgumentException(
                "unknown command \"" + Sentences.quote(words.get(0)) + "\"; " + USAGE));
        int rest = words.size() - 1;

        if (!op.movesMoney()) {
            if (rest != 0) {
                throw new IllegalArgumentException(command + " takes no amount");
            }
            return ClientRequest.of(op, 0);
        }
        if (rest != 1) {
            throw new IllegalArgumentException(rest == 0
                    ? command + " needs an amount, such as 12.50"
                    : command + " takes one amount, but got " + rest + " words after it");
        }
        long cents = Money.parseCents(words.get(1));
        if (cents < 1) {
            throw new IllegalArgumentException("the amount must be at least " + Money.format(1));
        }
        if (cents > RequestRules.MAX_AMOUNT) {
            throw new IllegalArgumentException("the amount must be at most "
                    + Money.format(RequestRules.MAX_AMOUNT));
        }
        return ClientRequest.of(op, cents);
    }

    /**
     * An answer line as a sentence to print, amounts in decimal money. A line that is not a
     * valid answer gives {@code ok == false} and says so; this never throws.
     */
    public static Answer read(String responseLine) {
        JsonObjectLine object = new JsonObjectLine(responseLine == null ? "" : responseLine);
        try {
            object.read();
        } catch (MalformedLine e) {
            return new Answer(false, "the node's answer is not valid: " + e.getMessage());
        }
        Map<String, Value> fields = object.members();

        Value ok = fields.get("ok");
        if (ok == null || ok.kind() != JsonToken.BOOLEAN) {
            return new Answer(false, "the node's answer is not valid: it has no \"ok\"");
        }
        if (!Boolean.parseBoolean(ok.text())) {
            String balance = fields.containsKey("balance")
                    ? "; balance " + money(fields, "balance") : "";
            return new Answer(false, text(fields, "error") + ": " + text(fields, "message")
                    + balance + details(fields, "node", "node", "leader", "leader"));
        }
        String op = text(fields, "op");
        if (Op.STATUS.wireName().equals(op)) {
            String leader = fields.containsKey("leader")
                    ? "leader " + text(fields, "leader") : "no leader known";
            return new Answer(true, "node " + text(fields, "node") + " is "
                    + text(fields, "role") + " in term " + text(fields, "term") + ", " + leader
                    + "; balance " + money(fields, "balance") + details(fields,
                    "commit index", "commitIndex", "last log index", "lastLogIndex",
                    "last applied", "lastApplied"));
        }
        String done = Op.BALANCE.wireName().equals(op) ? "" : op + " done; ";
        return new Answer(true, done + "balance " + money(fields, "balance") + details(fields,
                "log index", "index", "term", "term", "node", "node", "leader", "leader"));
    }

    /** " (label value, ...)" for the fields present, given as label and name pairs. */
    private static String details(Map<String, Value> fields, String... labelsAndNames) {
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < labelsAndNames.length; i += 2) {
            String name = labelsAndNames[i + 1];
            if (fields.containsKey(name)) {
                said.append(said.length() == 0 ? " (" : ", ")
                        .append(labelsAndNames[i]).append(' ').append(text(fields, name));
            }
        }
        return said.length() == 0 ? "" : said.append(')').toString();
    }

    private static String text(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        if (value == null) {
            return "unknown";
        }
        return value.text() == null ? value.describeKind() : Sentences.quote(value.text());
    }

    private static String money(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        OptionalLong cents = value == null ? OptionalLong.empty() : value.asLong();
        return cents.isPresent() ? Money.format(cents.getAsLong()) : text(fields, name);
    }
}
