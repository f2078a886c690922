package org.raftteller.blackbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.raftteller.blackbox.Call.Kind;

/**
 * The client side of DESIGN.md's JSON-lines protocol, as a black-box client sees it: one request
 * on a fresh connection, one answer, turned into a {@link Call}. Nothing here knows the nodes'
 * code; the answer's words are read as the contract spells them.
 *
 * <p>What a failure means for the history follows from when it happens. A refused connection
 * means nothing was sent, so nothing happened. Once the request may have left, a lost connection
 * or a silent node means the outcome is unknown.
 */
final class BankWire {

    private static final int CONNECT_MILLIS = 1_000;
    /**
     * Longer than a node's own request deadline (at least 2 s), so a node that is up answers
     * {@code timeout} itself; waiting longer only covers a node that is frozen or gone.
     */
    private static final int ANSWER_MILLIS = 6_000;
    private static final AtomicLong IDS = new AtomicLong();

    private BankWire() {
    }

    /** Sends a credit or debit with its exactly-once identity, or a balance read. */
    static Call send(int node, InetSocketAddress address, Kind kind, long amount, String client,
                     long seq) {
        long id = IDS.incrementAndGet();
        JsonObject request = new JsonObject();
        request.addProperty("id", id);
        request.addProperty("op", kind.wireName());
        if (kind != Kind.BALANCE) {
            request.addProperty("amount", amount);
            request.addProperty("client", client);
            request.addProperty("seq", seq);
        }

        long invoke = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.connect(address, CONNECT_MILLIS);
        } catch (IOException e) {
            close(socket);
            return new Call(client, seq, kind, amount, node, invoke, System.nanoTime(),
                    new Call.NotDone("not connected: " + e.getMessage()));
        }
        Call.Answer answer;
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(ANSWER_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            answer = line == null
                    ? new Call.Unknown("the connection closed without an answer")
                    : parse(line, id, kind);
        } catch (SocketTimeoutException e) {
            answer = new Call.Unknown("no answer within " + ANSWER_MILLIS + " ms");
        } catch (IOException e) {
            answer = new Call.Unknown("connection lost: " + e.getMessage());
        }
        return new Call(client, seq, kind, amount, node, invoke, System.nanoTime(), answer);
    }

    /** The node's {@code status} answer, or empty if it could not be had quickly. */
    static Optional<JsonObject> status(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_MILLIS);
            socket.setSoTimeout(CONNECT_MILLIS);
            socket.getOutputStream()
                    .write("{\"op\":\"status\"}\n".getBytes(StandardCharsets.UTF_8));
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                return Optional.empty();
            }
            JsonObject status = JsonParser.parseString(line).getAsJsonObject();
            return status.has("ok") && status.get("ok").getAsBoolean()
                    ? Optional.of(status) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads one answer line strictly: anything off-contract is {@link Call.Unexpected}. */
    static Call.Answer parse(String line, long id, Kind kind) {
        try {
            JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
            if (!new JsonPrimitive(id).equals(answer.get("id"))) {
                return new Call.Unexpected("an answer to another id: " + line);
            }
            if (answer.get("ok").getAsBoolean()) {
                if (!kind.wireName().equals(answer.get("op").getAsString())) {
                    return new Call.Unexpected("an answer for another op: " + line);
                }
                return new Call.Ok(number(answer, "balance"), number(answer, "index"));
            }
            String error = answer.get("error").getAsString();
            switch (error) {
                case "insufficient_funds":
                    return kind == Kind.DEBIT ? new Call.Refused(number(answer, "balance"))
                            : new Call.Unexpected(line);
                case "no_leader":
                case "unavailable":
                    return new Call.NotDone(error);
                case "timeout":
                    return new Call.Unknown(error);
                default:
                    return new Call.Unexpected(line);
            }
        } catch (RuntimeException e) {
            return new Call.Unexpected("not an answer (" + e.getMessage() + "): " + line);
        }
    }

    private static long number(JsonObject answer, String field) {
        JsonElement value = answer.get(field);
        if (value == null) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return value.getAsLong();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing was sent on it; there is nothing to learn from a failed close.
        }
    }
}
