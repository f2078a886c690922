package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.raftteller.raft.Role;

/** Answer lines, field for field and in the order DESIGN.md shows them. */
class ClientResponseTest {

    @Test
    void successHasIdOkOpBalanceIndexTermNodeLeaderInThatOrder() {
        OperationResult credit = OperationResult.success(Op.CREDIT, 1250, 17, 3, 1);

        String line = ClientResponse.format(new JsonPrimitive(7), credit, 2);

        assertThat(line).isEqualTo("{\"id\":7,\"ok\":true,\"op\":\"credit\",\"balance\":1250,"
                + "\"index\":17,\"term\":3,\"node\":2,\"leader\":1}");
    }

    @Test
    void successWithoutIdLeavesTheIdOut() {
        OperationResult balance = OperationResult.success(Op.BALANCE, 0, 40, 5, 2);

        String line = ClientResponse.format(null, balance, 2);

        assertThat(line).isEqualTo("{\"ok\":true,\"op\":\"balance\",\"balance\":0,"
                + "\"index\":40,\"term\":5,\"node\":2,\"leader\":2}");
    }

    @Test
    void idIsEchoedUnchangedStringAsStringIntegerWithItsDigits() {
        OperationResult debit = OperationResult.success(Op.DEBIT, 5, 1, 1, 1);
        String[] ids = {"\"a\\\"b\"", "\"17\"", "9223372036854775807", "-0", "0"};

        for (String id : ids) {
            ClientRequest request = ParserAssertions.accepted("{\"id\":" + id
                    + ",\"op\":\"balance\"}");

            String line = ClientResponse.format(request.id(), debit, 1);

            assertThat(line).startsWith("{\"id\":" + id + ",\"ok\":true,");
        }
    }

    @Test
    void failureHasIdOkErrorMessageLeaderBalanceThenNode() {
        OperationResult refused = OperationResult.failure(ErrorCode.INSUFFICIENT_FUNDS,
                "the debit of 20.00 is more than the balance of 10.00").withLeader(1)
                .withBalance(1000);

        String line = ClientResponse.format(new JsonPrimitive("r1"), refused, 2);

        assertThat(line).isEqualTo("{\"id\":\"r1\",\"ok\":false,\"error\":\"insufficient_funds\","
                + "\"message\":\"the debit of 20.00 is more than the balance of 10.00\","
                + "\"leader\":1,\"balance\":1000,\"node\":2}");
    }

    @Test
    void failureWithoutALeaderOrBalanceLeavesThemOut() {
        OperationResult noLeader = OperationResult.failure(ErrorCode.NO_LEADER,
                "no leader could be reached in time");

        String line = ClientResponse.format(null, noLeader, 4);

        assertThat(line).isEqualTo("{\"ok\":false,\"error\":\"no_leader\","
                + "\"message\":\"no leader could be reached in time\",\"node\":4}");
    }

    @Test
    void badRequestEchoesTheIdItCouldRead() {
        BadRequest bad = (BadRequest) ClientRequestParser.parse("{\"id\":3,\"op\":\"x\"}");

        String line = ClientResponse.format(bad, 1);

        assertThat(line).startsWith("{\"id\":3,\"ok\":false,\"error\":\"bad_request\","
                + "\"message\":\"unknown op \\\"x\\\"");
        assertThat(line).endsWith(",\"node\":1}");
    }

    @Test
    void tooLongLineHasItsReadyMadeAnswer() {
        String line = ClientResponse.format(ClientRequestParser.LINE_TOO_LONG, 3);

        assertThat(line).isEqualTo("{\"ok\":false,\"error\":\"bad_request\","
                + "\"message\":\"the line is longer than 64 KiB\",\"node\":3}");
    }

    @Test
    void everyErrorCodeHasItsWireName() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::wireName).containsExactly(
                "bad_request", "insufficient_funds", "limit_exceeded", "stale_request",
                "no_leader", "timeout", "unavailable");
    }

    @Test
    void messageWithLineBreaksAndControlCharactersStaysOnOneLine() {
        OperationResult odd = OperationResult.failure(ErrorCode.UNAVAILABLE,
                "line\nbreak\r\u2028\u0000\"quote\"");

        String line = ClientResponse.format(new JsonPrimitive("\n"), odd, 1);

        assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u0000");
        assertThat(JsonParser.parseString(line).getAsJsonObject().get("message").getAsString())
                .isEqualTo("line\nbreak\r\u2028\u0000\"quote\"");
    }

    @Test
    void statusHasTheFieldsOfDesignInTheirOrder() {
        NodeStatus status = new NodeStatus(2, Role.FOLLOWER, 5, 1, 40, 40, 40, 1250);

        String line = ClientResponse.formatStatus(null, status);

        // DESIGN.md's example, word for word.
        assertThat(line).isEqualTo("{\"ok\":true,\"op\":\"status\",\"node\":2,"
                + "\"role\":\"follower\",\"term\":5,\"leader\":1,\"commitIndex\":40,"
                + "\"lastLogIndex\":40,\"lastApplied\":40,\"balance\":1250}");
    }

    @Test
    void statusEchoesTheIdFirst() {
        NodeStatus status = new NodeStatus(1, Role.LEADER, 2, 1, 3, 4, 3, 0);

        String line = ClientResponse.formatStatus(new JsonPrimitive("s"), status);

        assertThat(line).startsWith("{\"id\":\"s\",\"ok\":true,\"op\":\"status\",\"node\":1,"
                + "\"role\":\"leader\",");
    }

    @Test
    void statusWithoutAKnownLeaderLeavesLeaderOut() {
        NodeStatus status = new NodeStatus(3, Role.PRE_CANDIDATE, 7, 0, 10, 12, 9, 300);

        String line = ClientResponse.formatStatus(null, status);

        assertThat(line).isEqualTo("{\"ok\":true,\"op\":\"status\",\"node\":3,"
                + "\"role\":\"pre-candidate\",\"term\":7,\"commitIndex\":10,\"lastLogIndex\":12,"
                + "\"lastApplied\":9,\"balance\":300}");
    }

    @Test
    void formattingRefusesAnInvalidIdOrNode() {
        OperationResult ok = OperationResult.success(Op.CREDIT, 1, 1, 1, 1);

        assertThatThrownBy(() -> ClientResponse.format(new JsonPrimitive(1.5), ok, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientResponse.format(null, ok, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeStatusRefusesImpossibleValues() {
        assertThatThrownBy(() -> new NodeStatus(0, Role.LEADER, 1, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus(1, Role.LEADER, 1, -1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus(1, Role.LEADER, -1, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus(1, Role.LEADER, 1, 0, 0, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
