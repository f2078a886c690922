package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.node.client.ParserAssertions.accepted;

import java.math.BigInteger;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.raftteller.bank.BankCommand;

/** A request built in code obeys the parser's rules and writes itself back as JSON. */
class ClientRequestTest {

    @Test
    void constructorRefusesWhatTheParserRefuses() {
        List<Runnable> invalid = List.of(
                () -> ClientRequest.of(Op.CREDIT, 0),
                () -> ClientRequest.of(Op.DEBIT, 1_000_000_000_001L),
                () -> ClientRequest.of(Op.BALANCE, 5),
                () -> ClientRequest.of(Op.CREDIT, 5).withSession("a b", 1),
                () -> ClientRequest.of(Op.CREDIT, 5).withSession("a".repeat(65), 1),
                () -> ClientRequest.of(Op.CREDIT, 5).withSession("", 1),
                () -> ClientRequest.of(Op.CREDIT, 5).withSession("a", 0),
                () -> new ClientRequest(null, Op.CREDIT, 5, null, 3),
                () -> ClientRequest.of(Op.CREDIT, 5).withId(new JsonPrimitive(1.5)),
                () -> ClientRequest.of(Op.CREDIT, 5).withId(new JsonPrimitive(true)),
                () -> ClientRequest.of(Op.CREDIT, 5).withId(new JsonObject()),
                () -> ClientRequest.of(Op.CREDIT, 5).withId(new JsonArray()),
                () -> ClientRequest.of(Op.CREDIT, 5).withId(
                        new JsonPrimitive(BigInteger.TWO.pow(63))));

        for (Runnable construction : invalid) {
            assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void constructorRefusesAMissingOp() {
        assertThatThrownBy(() -> ClientRequest.of(null, 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void jsonNullIdMeansNoId() {
        ClientRequest request = ClientRequest.of(Op.STATUS, 0).withId(JsonNull.INSTANCE);

        assertThat(request.id()).isNull();
    }

    @Test
    void lineHasIdOpAmountClientAndSeqInThatOrder() {
        ClientRequest request = ClientRequest.of(Op.CREDIT, 1250).withId(new JsonPrimitive(7))
                .withSession("alice", 3);

        String line = request.toLine();

        assertThat(line).isEqualTo(
                "{\"id\":7,\"op\":\"credit\",\"amount\":1250,\"client\":\"alice\",\"seq\":3}");
    }

    @Test
    void lineLeavesOutWhatTheRequestDoesNotHave() {
        assertThat(ClientRequest.of(Op.BALANCE, 0).toLine()).isEqualTo("{\"op\":\"balance\"}");
        assertThat(ClientRequest.of(Op.DEBIT, 5).withId(new JsonPrimitive("x")).toLine())
                .isEqualTo("{\"id\":\"x\",\"op\":\"debit\",\"amount\":5}");
    }

    @Test
    void lineParsesBackToAnEqualRequest() {
        ClientRequest request = ClientRequest.of(Op.DEBIT, 1_000_000_000_000L)
                .withId(new JsonPrimitive("r\"1\n")).withSession("b-_9", Long.MAX_VALUE);

        ClientRequest again = accepted(request.toLine());

        assertThat(again).isEqualTo(request);
        assertThat(again.id().toString()).isEqualTo(request.id().toString());
    }

    @Test
    void forwardJsonCarriesEverythingButTheId() {
        ClientRequest request = ClientRequest.of(Op.CREDIT, 1250).withId(new JsonPrimitive(7))
                .withSession("alice", 3);

        String forward = request.toForwardJson();

        assertThat(forward).isEqualTo(
                "{\"op\":\"credit\",\"amount\":1250,\"client\":\"alice\",\"seq\":3}");
    }

    @Test
    void forwardJsonRoundTripsForEveryOp() {
        List<ClientRequest> requests = List.of(
                ClientRequest.of(Op.CREDIT, 1),
                ClientRequest.of(Op.DEBIT, 1_000_000_000_000L).withSession("z", 9),
                ClientRequest.of(Op.BALANCE, 0),
                ClientRequest.of(Op.BALANCE, 0).withSession("q", 1),
                ClientRequest.of(Op.STATUS, 0));

        for (ClientRequest request : requests) {
            ParsedRequest parsed = ClientRequestParser.parseForward(
                    request.withId(new JsonPrimitive("dropped")).toForwardJson());

            assertThat(parsed).isEqualTo(request);
        }
    }

    @Test
    void forwardParsingAppliesTheSameRulesAndDropsAnyId() {
        ParsedRequest bad = ClientRequestParser.parseForward(
                "{\"id\":4,\"op\":\"credit\",\"amount\":0}");
        ParsedRequest good = ClientRequestParser.parseForward(
                "{\"id\":4,\"op\":\"credit\",\"amount\":3}");

        assertThat(bad).isEqualTo(new BadRequest(null,
                "amount must be an integer number of cents from 1 to 1000000000000, but was 0"));
        assertThat(good).isEqualTo(ClientRequest.of(Op.CREDIT, 3));
    }

    @Test
    void forwardParsingNeverThrows() {
        assertThat(ClientRequestParser.parseForward(null)).isInstanceOf(BadRequest.class);
        assertThat(ClientRequestParser.parseForward("{")).isInstanceOf(BadRequest.class);
    }

    @Test
    void creditAndDebitBecomeBankCommandsWithTheirSession() {
        BankCommand credit = ClientRequest.of(Op.CREDIT, 5).toBankCommand();
        BankCommand debit = ClientRequest.of(Op.DEBIT, 7).withSession("a", 2).toBankCommand();

        assertThat(credit).isEqualTo(new BankCommand.Credit(5));
        assertThat(debit).isEqualTo(new BankCommand.Debit("a", 2, 7));
    }

    @Test
    void balanceAndStatusAreNotBankCommands() {
        assertThatThrownBy(() -> ClientRequest.of(Op.BALANCE, 0).toBankCommand())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClientRequest.of(Op.STATUS, 0).toBankCommand())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void opsHaveTheirWireNames() {
        assertThat(Op.CREDIT.wireName()).isEqualTo("credit");
        assertThat(Op.DEBIT.wireName()).isEqualTo("debit");
        assertThat(Op.BALANCE.wireName()).isEqualTo("balance");
        assertThat(Op.STATUS.wireName()).isEqualTo("status");
        assertThat(Op.fromWireName("debit")).contains(Op.DEBIT);
        assertThat(Op.fromWireName("DEBIT")).isEmpty();
        assertThat(Op.fromWireName(null)).isEmpty();
    }
}
