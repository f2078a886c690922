package org.raftteller.node.client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;

/**
 * Formats the answers of the client protocol: one line of compact JSON each, without the
 * {@code \n}, which the handler adds. Strings are escaped by the JSON writer, so a message can
 * never break the line. Fields come in the order DESIGN.md shows them.
 *
 * <p>Choices where DESIGN.md leaves room, the same in every answer:
 * <ul>
 *   <li>{@code "id"} comes first, and only when the request had one: a request without an id
 *       gets an answer without one, rather than {@code "id":null}, which no request could have
 *       sent.</li>
 *   <li>{@code "leader"} is left out when no leader is known, rather than sent as 0 or null.</li>
 *   <li>A failure also names the answering {@code "node"}, last, after the fields DESIGN.md
 *       shows: {@code {"id":7,"ok":false,"error":"insufficient_funds","message":"...",
 *       "leader":1,"balance":1000,"node":2}}.</li>
 * </ul>
 */
public final class ClientResponse {

    private ClientResponse() {
    }

    /**
     * The answer to a credit, debit or balance request.
     *
     * <p>Success: {@code {"id":…,"ok":true,"op":"credit","balance":1250,"index":17,"term":3,
     * "node":2,"leader":1}}. Failure: {@code {"id":…,"ok":false,"error":CODE,"message":"…",
     * "leader":1,"balance":1000,"node":2}}, leader and balance only when the result has them.
     *
     * @param id            the request's id, or null when it had none
     * @param answeringNode the node the client is connected to, which may have relayed the
     *                      result from the leader
     */
    public static String format(JsonElement id, OperationResult result, int answeringNode) {
        JsonElement echo = RequestRules.requireValidId(id);
        requireNode(answeringNode);

        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            writeId(json, echo);
            json.name("ok").value(result.ok());
            if (result.ok()) {
                json.name("op").value(result.op().wireName());
                json.name("balance").value(result.balance());
                json.name("index").value(result.index());
                json.name("term").value(result.term());
                json.name("node").value(answeringNode);
                json.name("leader").value(result.leader());
            } else {
                json.name("error").value(result.error().wireName());
                json.name("message").value(result.message());
                if (result.leader() != 0) {
                    json.name("leader").value(result.leader());
                }
                if (result.balance() != null) {
                    json.name("balance").value(result.balance());
                }
                json.name("node").value(answeringNode);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** The answer to a line that is not a valid request, echoing its id when it was read. */
    public static String format(BadRequest bad, int answeringNode) {
        return format(bad.id(), bad.toResult(), answeringNode);
    }

    /**
     * The answer to a status request: {@code {"id":…,"ok":true,"op":"status","node":2,
     * "role":"follower","term":5,"leader":1,"commitIndex":40,"lastLogIndex":40,
     * "lastApplied":40,"balance":1250}}, without leader when none is known.
     */
    public static String formatStatus(JsonElement id, NodeStatus status) {
        JsonElement echo = RequestRules.requireValidId(id);

        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            writeId(json, echo);
            json.name("ok").value(true);
            json.name("op").value(Op.STATUS.wireName());
            json.name("node").value(status.node());
            json.name("role").value(status.role().word());
            json.name("term").value(status.term());
            if (status.leader() != 0) {
                json.name("leader").value(status.leader());
            }
            json.name("commitIndex").value(status.commitIndex());
            json.name("lastLogIndex").value(status.lastLogIndex());
            json.name("lastApplied").value(status.lastApplied());
            json.name("balance").value(status.balance());
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static void writeId(JsonWriter json, JsonElement id) throws IOException {
        if (id != null) {
            json.name("id");
            ClientRequest.writeId(json, id);
        }
    }

    private static void requireNode(int node) {
        if (node < 1) {
            throw new IllegalArgumentException("node must be at least 1, but was " + node);
        }
    }
}
