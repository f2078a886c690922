package org.raftteller.node.client;

import java.util.Map;
import java.util.OptionalLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonToken;

import org.raftteller.node.client.JsonObjectLine.MalformedLine;
import org.raftteller.node.client.JsonObjectLine.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one line of the client protocol (DESIGN.md, "Client protocol") into a request or into the
 * reason it is not one. Pure and thread-safe: no state, no I/O.
 *
 * <p>Bad input never takes a node down, so {@link #parse(String)} never throws: any string, null
 * included, gives a result.
 *
 * <p>The checks run in this order, and the first that fails is the one reported: the line's
 * size; that it is one strict JSON object with nothing after it; that no key repeats; then the
 * fields id, op, amount (credit and debit only), client and seq. The id is echoed in a
 * bad_request whenever it was read before the problem and is itself valid, even when the line
 * breaks after it.
 */
public final class ClientRequestParser {

    /** The longest line a client may send, in UTF-8 bytes, not counting its {@code \n}. */
    public static final int MAX_LINE_BYTES = 65536;

    /** The answer to a line longer than {@link #MAX_LINE_BYTES}, for a handler that drops it. */
    public static final BadRequest LINE_TOO_LONG =
            new BadRequest(null, "the line is longer than 64 KiB");

    private static final Logger log = LoggerFactory.getLogger(ClientRequestParser.class);

    private ClientRequestParser() {
    }

    /**
     * Parses a line as a client sends it, without its {@code \n}, decoded from UTF-8 (invalid
     * bytes replaced by U+FFFD are fine: they are just characters).
     */
    public static ParsedRequest parse(String line) {
        try {
            return parseLine(line == null ? "" : line);
        } catch (RuntimeException e) {
            // A bug here must cost one bad_request, never the connection or the node.
            log.warn("client line parser failed on a line of {} characters; answering "
                    + "bad_request", line == null ? 0 : line.length(), e);
            return new BadRequest(null, "the line could not be read as a request");
        }
    }

    /**
     * Parses a request a follower forwarded with {@link ClientRequest#toForwardJson()}, under the
     * same rules as a client's line. An id in it is ignored: the follower echoes its client's id.
     */
    public static ParsedRequest parseForward(String json) {
        ParsedRequest parsed = parse(json);
        if (parsed instanceof ClientRequest) {
            return ((ClientRequest) parsed).withId(null);
        }
        return new BadRequest(null, ((BadRequest) parsed).message());
    }

    private static ParsedRequest parseLine(String line) {
        // The handler enforces the limit in bytes, on the wire. Here chars are counted instead:
        // no line within the byte limit decodes to more chars, since every char, a replacement
        // for an invalid byte included, takes at least one byte; so this never refuses a line
        // the handler let through, and still bounds the work for any other caller.
        if (line.length() > MAX_LINE_BYTES) {
            return LINE_TOO_LONG;
        }

        JsonObjectLine object = new JsonObjectLine(line);
        try {
            object.read();
        } catch (MalformedLine e) {
            return new BadRequest(readableId(object), e.getMessage());
        }
        Map<String, Value> fields = object.members();

        Value idValue = fields.get("id");
        JsonElement id = null;
        if (idValue != null) {
            id = idOf(idValue);
            if (id == null) {
                return new BadRequest(null, RequestRules.ID_RULE + ", but it is "
                        + describeNonId(idValue));
            }
        }
        return parseFields(id, fields);
    }

    private static ParsedRequest parseFields(JsonElement id, Map<String, Value> fields) {
        Value opValue = fields.get("op");
        if (opValue == null) {
            return new BadRequest(id, "the request has no op; use " + RequestRules.OP_CHOICES);
        }
        if (!opValue.isString()) {
            return new BadRequest(id, "op must be a string, one of " + RequestRules.OP_CHOICES
                    + ", but it is " + opValue.describeKind());
        }
        Op op = Op.fromWireName(opValue.text()).orElse(null);
        if (op == null) {
            return new BadRequest(id, "unknown op \"" + Sentences.quote(opValue.text())
                    + "\"; use " + RequestRules.OP_CHOICES);
        }

        long amount = 0;
        if (op.movesMoney()) {
            Value amountValue = fields.get("amount");
            if (amountValue == null) {
                return new BadRequest(id, op.wireName() + " needs an amount: an integer number "
                        + "of cents from 1 to " + RequestRules.MAX_AMOUNT);
            }
            String problem = amountProblem(amountValue);
            if (problem != null) {
                return new BadRequest(id, problem);
            }
            amount = Long.parseLong(amountValue.text());
        }
        // Balance and status take no amount; one that is sent anyway is ignored, whatever it is.

        Value clientValue = fields.get("client");
        Value seqValue = fields.get("seq");
        if (clientValue == null && seqValue == null) {
            return new ClientRequest(id, op, amount, null, 0);
        }
        if (seqValue == null) {
            return new BadRequest(id, "client is given without seq; give both or neither");
        }
        if (clientValue == null) {
            return new BadRequest(id, "seq is given without client; give both or neither");
        }
        if (!clientValue.isString()) {
            return new BadRequest(id, RequestRules.CLIENT_RULE + ", but it is "
                    + clientValue.describeKind());
        }
        String clientProblem = RequestRules.clientProblem(clientValue.text());
        if (clientProblem != null) {
            return new BadRequest(id, clientProblem);
        }
        OptionalLong seq = seqValue.asLong();
        if (seq.isEmpty() || seq.getAsLong() < 1) {
            return new BadRequest(id, RequestRules.SEQ_RULE + ", but " + describe(seqValue));
        }
        return new ClientRequest(id, op, amount, clientValue.text(), seq.getAsLong());
    }

    /** What is wrong with a credit's or debit's amount, or null if it is valid. */
    private static String amountProblem(Value amount) {
        if (!amount.isNumber()) {
            return RequestRules.AMOUNT_RULE + ", but it is " + amount.describeKind();
        }
        if (!amount.isIntegerNumber()) {
            return RequestRules.AMOUNT_RULE + ", written without a fraction or exponent, but was "
                    + Sentences.quote(amount.text());
        }
        OptionalLong cents = amount.asLong();
        if (cents.isEmpty() || RequestRules.amountProblem(cents.getAsLong()) != null) {
            // The text as sent, not the parsed value: "-0" stays "-0".
            return RequestRules.AMOUNT_RULE + ", but was " + Sentences.quote(amount.text());
        }
        return null;
    }

    /** The id of a line that broke, if it was read whole before the break and is valid. */
    private static JsonElement readableId(JsonObjectLine object) {
        // A repeated id is ambiguous, and the second copy may never have been read: no echo.
        if (object.isRepeated("id")) {
            return null;
        }
        Value idValue = object.members().get("id");
        return idValue == null ? null : idOf(idValue);
    }

    /** The id as the JSON element to echo, or null if it is not a string or a long integer. */
    private static JsonElement idOf(Value value) {
        if (value.isString()) {
            return new JsonPrimitive(value.text());
        }
        if (value.isNumber() && RequestRules.isLongInteger(value.text())) {
            // Parsed from its own text so that it is written back exactly as it came, "-0" too.
            return JsonParser.parseString(value.text());
        }
        return null;
    }

    private static String describeNonId(Value value) {
        if (value.kind() == JsonToken.NUMBER) {
            return "the number " + Sentences.quote(value.text());
        }
        return value.describeKind();
    }

    private static String describe(Value value) {
        if (value.isNumber()) {
            return "was " + Sentences.quote(value.text());
        }
        return "it is " + value.describeKind();
    }
}
