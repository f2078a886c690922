package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;

import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.raftteller.raft.Role;

/** The command-line client's side: request lines from typed words, answers as sentences. */
class ClientLineTest {

    @Test
    void creditLineCarriesTheIdAndCents() {
        String line = ClientLine.request(Op.CREDIT, 1250, 7);

        assertThat(line).isEqualTo("{\"id\":7,\"op\":\"credit\",\"amount\":1250}");
    }

    @Test
    void balanceAndStatusLinesHaveNoAmount() {
        assertThat(ClientLine.request(Op.BALANCE, 0, "b")).isEqualTo(
                "{\"id\":\"b\",\"op\":\"balance\"}");
        assertThat(ClientLine.request(Op.STATUS, 0, null)).isEqualTo("{\"op\":\"status\"}");
    }

    @Test
    void lineWithASessionCarriesClientAndSeq() {
        String line = ClientLine.request(Op.DEBIT, 500, 1L, "cli-1", 4);

        assertThat(line).isEqualTo(
                "{\"id\":1,\"op\":\"debit\",\"amount\":500,\"client\":\"cli-1\",\"seq\":4}");
    }

    @Test
    void everyLineBuiltParsesBackToTheSameRequest() {
        String line = ClientLine.request(Op.DEBIT, 1_000_000_000_000L, "x", "c", 2);

        ClientRequest request = ParserAssertions.accepted(line);

        assertThat(request.toLine()).isEqualTo(line);
    }

    @Test
    void linesRefuseWhatTheProtocolRefuses() {
        assertThatThrownBy(() -> ClientLine.request(Op.CREDIT, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientLine.request(Op.BALANCE, 5, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientLine.request(Op.CREDIT, 5, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientLine.request(Op.CREDIT, 5, BigInteger.TWO.pow(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsOfTheIntegralTypesBecomeNumbers() {
        assertThat(ClientLine.id(3)).isEqualTo(new JsonPrimitive(3));
        assertThat(ClientLine.id((short) 3).toString()).isEqualTo("3");
        assertThat(ClientLine.id(Long.MIN_VALUE).toString()).isEqualTo("-9223372036854775808");
        assertThat(ClientLine.id(BigInteger.TEN).toString()).isEqualTo("10");
        assertThat(ClientLine.id("3").toString()).isEqualTo("\"3\"");
        assertThat(ClientLine.id(null)).isNull();
    }

    @Test
    void typedWordsBecomeRequestsWithAmountsInCents() {
        assertThat(ClientLine.fromArguments(List.of("credit", "12.50")))
                .isEqualTo(ClientRequest.of(Op.CREDIT, 1250));
        assertThat(ClientLine.fromArguments(List.of("debit", "5")))
                .isEqualTo(ClientRequest.of(Op.DEBIT, 500));
        assertThat(ClientLine.fromArguments(List.of("Balance")))
                .isEqualTo(ClientRequest.of(Op.BALANCE, 0));
        assertThat(ClientLine.fromArguments(List.of("status")))
                .isEqualTo(ClientRequest.of(Op.STATUS, 0));
    }

    @Test
    void typedAmountsFromOneCentToTenBillionUnitsAreAccepted() {
        assertThat(ClientLine.fromArguments(List.of("credit", "0.01")).amount()).isEqualTo(1);
        assertThat(ClientLine.fromArguments(List.of("credit", "10000000000")).amount())
                .isEqualTo(1_000_000_000_000L);
    }

    @Test
    void typedWordsThatAreNotARequestAreRefusedWithASentence() {
        assertRefused(List.of(), "say what to do: use credit AMOUNT, debit AMOUNT, balance or "
                + "status");
        assertRefused(List.of("withdraw", "5"), "unknown command \"withdraw\"; use credit "
                + "AMOUNT, debit AMOUNT, balance or status");
        assertRefused(List.of("credit"), "credit needs an amount, such as 12.50");
        assertRefused(List.of("credit", "1", "2"), "credit takes one amount, but got 2 words "
                + "after it");
        assertRefused(List.of("balance", "5"), "balance takes no amount");
        assertRefused(List.of("credit", "0"), "the amount must be at least 0.01");
        assertRefused(List.of("credit", "10000000000.01"),
                "the amount must be at most 10000000000.00");
        assertRefused(List.of("debit", "1.005"), "amount \"1.005\" has more than two decimal "
                + "places");
        assertRefused(List.of("debit", "-5"), "amount \"-5\" is negative");
    }

    @Test
    void successfulCreditReadsAsASentence() {
        String line = ClientResponse.format(null,
                OperationResult.success(Op.CREDIT, 101250, 17, 3, 1), 2);

        ClientLine.Answer answer = ClientLine.read(line);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.text()).isEqualTo(
                "credit done; balance 1012.50 (log index 17, term 3, node 2, leader 1)");
    }

    @Test
    void balanceReadsAsTheBalance() {
        String line = ClientResponse.format(new JsonPrimitive(1),
                OperationResult.success(Op.BALANCE, 7, 4, 1, 1), 1);

        ClientLine.Answer answer = ClientLine.read(line);

        assertThat(answer).isEqualTo(new ClientLine.Answer(true,
                "balance 0.07 (log index 4, term 1, node 1, leader 1)"));
    }

    @Test
    void failureReadsAsItsCodeAndMessageAndIsNotOk() {
        String line = ClientResponse.format(null, OperationResult.failure(
                ErrorCode.INSUFFICIENT_FUNDS, "not enough").withBalance(1000).withLeader(1), 2);

        ClientLine.Answer answer = ClientLine.read(line);

        assertThat(answer).isEqualTo(new ClientLine.Answer(false,
                "insufficient_funds: not enough; balance 10.00 (node 2, leader 1)"));
    }

    @Test
    void statusReadsAsTheNodesView() {
        String known = ClientResponse.formatStatus(null,
                new NodeStatus(2, Role.FOLLOWER, 5, 1, 40, 41, 39, 1250));
        String unknown = ClientResponse.formatStatus(null,
                new NodeStatus(3, Role.CANDIDATE, 6, 0, 40, 41, 39, 1250));

        assertThat(ClientLine.read(known)).isEqualTo(new ClientLine.Answer(true,
                "node 2 is follower in term 5, leader 1; balance 12.50 (commit index 40, "
                        + "last log index 41, last applied 39)"));
        assertThat(ClientLine.read(unknown).text()).startsWith(
                "node 3 is candidate in term 6, no leader known;");
    }

    @Test
    void answerThatIsNotAResponseIsNotOkAndSaysSo() {
        assertThat(ClientLine.read("garbage")).isEqualTo(new ClientLine.Answer(false,
                "the node's answer is not valid: the line is not valid JSON"));
        assertThat(ClientLine.read("{\"x\":1}").ok()).isFalse();
        assertThat(ClientLine.read(null).ok()).isFalse();
    }

    private static void assertRefused(List<String> words, String message) {
        assertThatThrownBy(() -> ClientLine.fromArguments(words))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
