package org.raftteller.node.peer;

import java.util.Objects;

import org.raftteller.raft.Message;

/**
 * What a peer frame carries: a Raft message, or one half of a forwarded client request. Any node
 * accepts any client request (DESIGN.md); a follower passes it to the leader as a
 * {@link ForwardRequest} and relays the leader's {@link ForwardResponse} to its client.
 *
 * <p>Each record checks its values on construction, with the same rules {@link PeerCodec#decode}
 * applies to bytes, so a payload that exists can always be encoded.
 */
public sealed interface PeerPayload {

    /**
     * A message of the consensus protocol. The frame that carries it has the message's own
     * sender and addressee in its header.
     */
    record RaftMessage(Message message) implements PeerPayload {

        public RaftMessage {
            Objects.requireNonNull(message, "message");
            PeerRules.LOCAL.message(message);
        }
    }

    /**
     * A client request a follower passes to the leader.
     *
     * @param requestId   chosen by the follower so it can match the answer to its waiting client;
     *                    the leader only echoes it, so any value will do
     * @param requestJson the client's request, one JSON object without the newline; at most
     *                    {@link PeerCodec#MAX_JSON_BYTES} in UTF-8
     */
    record ForwardRequest(long requestId, String requestJson) implements PeerPayload {

        public ForwardRequest {
            Objects.requireNonNull(requestJson, "requestJson");
            PeerRules.LOCAL.json("requestJson", requestJson);
        }
    }

    /**
     * The leader's answer to a {@link ForwardRequest}.
     *
     * @param requestId  the requestId of the ForwardRequest this answers
     * @param resultJson the response for the client, one JSON object without the newline; at most
     *                   {@link PeerCodec#MAX_JSON_BYTES} in UTF-8
     */
    record ForwardResponse(long requestId, String resultJson) implements PeerPayload {

        public ForwardResponse {
            Objects.requireNonNull(resultJson, "resultJson");
            PeerRules.LOCAL.json("resultJson", resultJson);
        }
    }
}
