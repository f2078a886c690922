package org.raftteller.node.client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import org.raftteller.bank.Bank;
import org.raftteller.bank.Money;
import org.raftteller.bank.Outcome;
import org.raftteller.node.client.JsonObjectLine.MalformedLine;
import org.raftteller.node.client.JsonObjectLine.Value;

/**
 * How a credit, debit or balance ended, before it is addressed to a client: the same value
 * whether the node that answers decided it or relayed it from the leader. A follower forwards a
 * request, the leader ships back {@link #toJson()}, and the follower reads it with
 * {@link #fromJson(String)} and answers with {@link ClientResponse#format}, which adds the
 * client's id and the answering node.
 *
 * <p>A success carries op, balance, index, term and leader, all of them. A failure carries an
 * error and its message, and may carry the balance (where it helps, as for insufficient funds),
 * the leader (when known) and the op (for the nodes' own use; clients are not shown it). Status
 * is not a result: it is answered locally, see {@link NodeStatus}.
 *
 * @param ok      whether the operation succeeded
 * @param op      the operation; required on success, optional on failure
 * @param error   why it failed; null exactly on success
 * @param message one human sentence saying why; null exactly on success
 * @param balance cents: on success the balance right after the operation (for balance, the
 *                linearizable current balance); on failure, optional
 * @param index   the log index that decided it; on success only, at least 1
 * @param term    the leader's term when it was decided; on success only, at least 1
 * @param leader  the leader that decided it, required on success; on failure the leader if
 *                known; 0 for none
 */
public record OperationResult(boolean ok, Op op, ErrorCode error, String message, Long balance,
                              Long index, Long term, int leader) {

    public OperationResult {
        if (op == Op.STATUS) {
            throw new IllegalArgumentException(
                    "status is answered locally, with NodeStatus, not as an operation result");
        }
        if (balance != null && (balance < 0 || balance > Bank.MAX_BALANCE)) {
            throw new IllegalArgumentException("balance must be 0 to " + Bank.MAX_BALANCE
                    + " cents, but was " + balance);
        }
        if (leader < 0) {
            throw new IllegalArgumentException("leader must be a node id, or 0 for none, but was "
                    + leader);
        }
        if (ok) {
            requireSuccess(op, error, message, balance, index, term, leader);
        } else {
            requireFailure(error, message, index, term);
        }
    }

    /** A successful credit, debit or balance. */
    public static OperationResult success(Op op, long balance, long index, long term,
                                          int leader) {
        return new OperationResult(true, op, null, null, balance, index, term, leader);
    }

    /** A failure with nothing more to say than its code and message. */
    public static OperationResult failure(ErrorCode error, String message) {
        return new OperationResult(false, null, error, message, null, null, null, 0);
    }

    /**
     * What the bank decided for a credit or debit, as the client is to hear it: success when it
     * was applied, otherwise insufficient_funds, limit_exceeded or stale_request with a sentence
     * that uses the request's own numbers.
     *
     * @param term   the term of the entry that decided it
     * @param leader the leader that committed it
     */
    public static OperationResult decided(ClientRequest request, Outcome outcome, long term,
                                          int leader) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        if (!request.op().movesMoney()) {
            throw new IllegalArgumentException(
                    request.op().wireName() + " is not decided by the bank's log");
        }
        if (outcome.status() == Outcome.Status.APPLIED) {
            // The common case first, and without the sentences only failures need.
            return success(request.op(), outcome.balance(), outcome.index(), term, leader);
        }
        String amount = Money.format(request.amount());
        String balance = Money.format(outcome.balance());
        switch (outcome.status()) {
            case INSUFFICIENT_FUNDS:
                return new OperationResult(false, request.op(), ErrorCode.INSUFFICIENT_FUNDS,
                        "the debit of " + amount + " is more than the balance of " + balance,
                        outcome.balance(), null, null, leader);
            case LIMIT_EXCEEDED:
                return new OperationResult(false, request.op(), ErrorCode.LIMIT_EXCEEDED,
                        "the credit of " + amount + " would take the balance of " + balance
                                + " over the limit of " + Money.format(Bank.MAX_BALANCE),
                        outcome.balance(), null, null, leader);
            case STALE_REQUEST:
                return new OperationResult(false, request.op(), ErrorCode.STALE_REQUEST,
                        "seq " + request.seq() + " is lower than the latest seq of client "
                                + request.client() + ", so nothing was done",
                        null, null, null, leader);
            default:
                throw new IllegalArgumentException("unknown outcome " + outcome.status());
        }
    }

    /** This result with the leader it names (0 for none). */
    public OperationResult withLeader(int newLeader) {
        return new OperationResult(ok, op, error, message, balance, index, term, newLeader);
    }

    /** This result with a balance; a failure carries one where it helps the client. */
    public OperationResult withBalance(long newBalance) {
        return new OperationResult(ok, op, error, message, newBalance, index, term, leader);
    }

    /**
     * The result as compact JSON for another node: ok, op, error, message, balance, index, term,
     * leader, each only when present (leader only when not 0).
     */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("ok").value(ok);
            if (op != null) {
                json.name("op").value(op.wireName());
            }
            if (error != null) {
                json.name("error").value(error.wireName());
                json.name("message").value(message);
            }
            if (balance != null) {
                json.name("balance").value(balance);
            }
            if (index != null) {
                json.name("index").value(index);
                json.name("term").value(term);
            }
            if (leader != 0) {
                json.name("leader").value(leader);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /**
     * Reads what {@link #toJson()} wrote, as strictly as a client's line: one JSON object, no
     * repeated keys, fields of the right types, and a result the constructor accepts. Unknown
     * fields are ignored, so a newer node may add some.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong; nothing else
     */
    public static OperationResult fromJson(String json) {
        try {
            return read(json);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not expected; the promise to callers is that bad input is only ever an IAE.
            throw new IllegalArgumentException("not an operation result: " + e, e);
        }
    }

    private static OperationResult read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no operation result: the text is null");
        }
        if (json.length() > ClientRequestParser.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("an operation result must not be longer than "
                    + ClientRequestParser.MAX_LINE_BYTES + " characters");
        }
        JsonObjectLine object = new JsonObjectLine(json);
        try {
            object.read();
        } catch (MalformedLine e) {
            throw new IllegalArgumentException("not an operation result: " + e.getMessage());
        }
        Map<String, Value> fields = object.members();

        Value okValue = fields.get("ok");
        if (okValue == null || okValue.kind() != JsonToken.BOOLEAN) {
            throw new IllegalArgumentException("an operation result needs \"ok\": true or false");
        }
        return new OperationResult(
                Boolean.parseBoolean(okValue.text()),
                optionalOp(fields.get("op")),
                optionalError(fields.get("error")),
                optionalString(fields, "message"),
                optionalLong(fields, "balance"),
                optionalLong(fields, "index"),
                optionalLong(fields, "term"),
                optionalLeader(fields.get("leader")));
    }

    private static void requireSuccess(Op op, ErrorCode error, String message, Long balance,
                                       Long index, Long term, int leader) {
        if (op == null) {
            throw new IllegalArgumentException("a success needs its op");
        }
        if (error != null || message != null) {
            throw new IllegalArgumentException("a success has no error and no message");
        }
        if (balance == null) {
            throw new IllegalArgumentException("a success needs the balance after it");
        }
        if (index == null || index < 1) {
            throw new IllegalArgumentException(
                    "a success needs the log index that decided it, at least 1, but was " + index);
        }
        if (term == null || term < 1) {
            throw new IllegalArgumentException(
                    "a success needs the term that decided it, at least 1, but was " + term);
        }
        if (leader == 0) {
            throw new IllegalArgumentException("a success needs the leader that committed it");
        }
    }

    private static void requireFailure(ErrorCode error, String message, Long index, Long term) {
        if (error == null) {
            throw new IllegalArgumentException("a failure needs its error code");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a failure needs a message saying why");
        }
        if (index != null || term != null) {
            throw new IllegalArgumentException("a failure has no index and no term");
        }
    }

    private static Op optionalOp(Value value) {
        if (value == null) {
            return null;
        }
        return Op.fromWireName(requireString("op", value)).orElseThrow(
                () -> new IllegalArgumentException("unknown op \"" + Sentences.quote(value.text())
                        + "\" in an operation result"));
    }

    private static ErrorCode optionalError(Value value) {
        if (value == null) {
            return null;
        }
        return ErrorCode.fromWireName(requireString("error", value)).orElseThrow(
                () -> new IllegalArgumentException("unknown error \""
                        + Sentences.quote(value.text()) + "\" in an operation result"));
    }

    private static String optionalString(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        return value == null ? null : requireString(name, value);
    }

    private static String requireString(String name, Value value) {
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + name + "\" of an operation result must be a "
                    + "string, but it is " + value.describeKind());
        }
        return value.text();
    }

    private static Long optionalLong(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        if (value == null) {
            return null;
        }
        OptionalLong number = value.asLong();
        if (number.isEmpty()) {
            throw new IllegalArgumentException("\"" + name + "\" of an operation result must be "
                    + "an integer that fits in 64 bits, but it is " + describe(value));
        }
        return number.getAsLong();
    }

    private static int optionalLeader(Value value) {
        if (value == null) {
            return 0;
        }
        OptionalLong number = value.asLong();
        if (number.isEmpty() || number.getAsLong() < 0 || number.getAsLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"leader\" of an operation result must be a node "
                    + "id, but it is " + describe(value));
        }
        return (int) number.getAsLong();
    }

    private static String describe(Value value) {
        return value.isNumber() ? Sentences.quote(value.text()) : value.describeKind();
    }
}
