package org.raftteller.node.client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import org.raftteller.bank.BankCommand;

/**
 * A valid request of the client protocol. The constructor enforces the same rules as the parser,
 * so a ClientRequest that exists is one the protocol accepts.
 *
 * @param id     the request's {@code id}, kept as the JSON element it was read as, so that the
 *               response echoes it unchanged (a string stays a string, an integer keeps its
 *               digits); null when the request had none
 * @param op     the operation
 * @param amount cents, 1 to {@link org.raftteller.bank.Bank#MAX_AMOUNT} for credit and debit; 0
 *               for balance and status, which take no amount
 * @param client the client's name for exactly-once retries, or null for an anonymous request
 * @param seq    the client's sequence number, at least 1; 0 exactly when {@code client} is null
 */
public record ClientRequest(JsonElement id, Op op, long amount, String client, long seq)
        implements ParsedRequest {

    public ClientRequest {
        id = RequestRules.requireValidId(id);
        Objects.requireNonNull(op, "op");
        if (op.movesMoney()) {
            requireNoProblem(RequestRules.amountProblem(amount));
        } else if (amount != 0) {
            throw new IllegalArgumentException(op.wireName()
                    + " takes no amount, so amount must be 0, but was " + amount);
        }
        if (client == null) {
            if (seq != 0) {
                throw new IllegalArgumentException(
                        "seq " + seq + " is given without a client; give both or neither");
            }
        } else {
            requireNoProblem(RequestRules.clientProblem(client));
            requireNoProblem(RequestRules.seqProblem(seq));
        }
    }

    /** An anonymous request without an id, such as {@code of(Op.CREDIT, 1250)}. */
    public static ClientRequest of(Op op, long amount) {
        return new ClientRequest(null, op, amount, null, 0);
    }

    /** This request with another id (null for none). */
    public ClientRequest withId(JsonElement newId) {
        return new ClientRequest(newId, op, amount, client, seq);
    }

    /** This request with an exactly-once identity. */
    public ClientRequest withSession(String newClient, long newSeq) {
        return new ClientRequest(id, op, amount, newClient, newSeq);
    }

    /** Whether the request names a client and seq, so that a retry is answered, not redone. */
    public boolean hasSession() {
        return client != null;
    }

    /**
     * The command to propose to the log for a credit or debit.
     *
     * @throws IllegalStateException for balance and status, which change nothing
     */
    public BankCommand toBankCommand() {
        String name = client == null ? "" : client;
        switch (op) {
            case CREDIT:
                return new BankCommand.Credit(name, seq, amount);
            case DEBIT:
                return new BankCommand.Debit(name, seq, amount);
            default:
                throw new IllegalStateException(op.wireName() + " is not a command for the log");
        }
    }

    /**
     * The request as a client sends it, one line of JSON without the {@code \n}: id (when
     * present), op, amount (for credit and debit), client and seq (when present).
     */
    public String toLine() {
        return toJson(true);
    }

    /**
     * The request as a follower forwards it to the leader: like {@link #toLine()} but without
     * the id, which only the connection the client used can echo. The leader reads it back with
     * {@link ClientRequestParser#parseForward(String)}, under the same rules.
     */
    public String toForwardJson() {
        return toJson(false);
    }

    private String toJson(boolean withId) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            if (withId && id != null) {
                json.name("id");
                writeId(json, id);
            }
            json.name("op").value(op.wireName());
            if (op.movesMoney()) {
                json.name("amount").value(amount);
            }
            if (client != null) {
                json.name("client").value(client);
                json.name("seq").value(seq);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** Writes a valid id: a string as a string, an integer with its digits as they were. */
    static void writeId(JsonWriter json, JsonElement id) throws IOException {
        JsonPrimitive primitive = id.getAsJsonPrimitive();
        if (primitive.isString()) {
            json.value(primitive.getAsString());
        } else {
            json.value(primitive.getAsNumber());
        }
    }

    private static void requireNoProblem(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
