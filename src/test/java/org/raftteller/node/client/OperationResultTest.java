package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raftteller.bank.Bank;
import org.raftteller.bank.Outcome;
import org.raftteller.bank.Outcome.Status;
import org.raftteller.raft.RaftStatus;
import org.raftteller.raft.Role;

/** The result a leader ships back to a follower: its JSON, both ways, and its validation. */
class OperationResultTest {

    @Test
    void successJsonHasEveryFieldOfASuccess() {
        OperationResult result = OperationResult.success(Op.DEBIT, 750, 18, 3, 1);

        assertThat(result.toJson()).isEqualTo(
                "{\"ok\":true,\"op\":\"debit\",\"balance\":750,\"index\":18,\"term\":3,"
                        + "\"leader\":1}");
    }

    @Test
    void failureJsonLeavesOutWhatIsAbsent() {
        OperationResult result = OperationResult.failure(ErrorCode.TIMEOUT, "no answer in time");

        assertThat(result.toJson()).isEqualTo(
                "{\"ok\":false,\"error\":\"timeout\",\"message\":\"no answer in time\"}");
    }

    @Test
    void everyKindOfResultRoundTripsThroughJson() {
        List<OperationResult> results = List.of(
                OperationResult.success(Op.CREDIT, 0, 1, 1, 1),
                OperationResult.success(Op.BALANCE, Bank.MAX_BALANCE, Long.MAX_VALUE,
                        Long.MAX_VALUE, Integer.MAX_VALUE),
                OperationResult.failure(ErrorCode.BAD_REQUEST, "x"),
                OperationResult.failure(ErrorCode.NO_LEADER, "none \"quoted\"\n").withLeader(3),
                OperationResult.failure(ErrorCode.INSUFFICIENT_FUNDS, "short").withBalance(10)
                        .withLeader(2),
                new OperationResult(false, Op.DEBIT, ErrorCode.STALE_REQUEST, "old", null, null,
                        null, 0));

        for (OperationResult result : results) {
            assertThat(OperationResult.fromJson(result.toJson())).isEqualTo(result);
        }
    }

    @Test
    void fromJsonIgnoresUnknownFieldsAndAcceptsAnyOrder() {
        OperationResult result = OperationResult.fromJson("{\"leader\":1,\"future\":[1,{}],"
                + "\"term\":3,\"index\":17,\"balance\":5,\"op\":\"credit\",\"ok\":true}");

        assertThat(result).isEqualTo(OperationResult.success(Op.CREDIT, 5, 17, 3, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"ok\":\"true\"}",
        "{\"ok\":true}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5,\"index\":1,\"term\":1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5,\"index\":0,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":-1,\"index\":1,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5.5,\"index\":1,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":\"5\",\"index\":1,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"status\",\"balance\":5,\"index\":1,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"steal\",\"balance\":5,\"index\":1,\"term\":1,\"leader\":1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5,\"index\":1,\"term\":1,\"leader\":-1}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5,\"index\":1,\"term\":1,"
                + "\"leader\":2147483648}",
        "{\"ok\":true,\"op\":\"credit\",\"balance\":5,\"index\":1,\"term\":1,\"leader\":1,"
                + "\"error\":\"timeout\",\"message\":\"m\"}",
        "{\"ok\":false}",
        "{\"ok\":false,\"error\":\"timeout\"}",
        "{\"ok\":false,\"error\":\"timeout\",\"message\":\" \"}",
        "{\"ok\":false,\"error\":\"oops\",\"message\":\"m\"}",
        "{\"ok\":false,\"error\":1,\"message\":\"m\"}",
        "{\"ok\":false,\"error\":\"timeout\",\"message\":\"m\",\"index\":4,\"term\":1}",
        "{\"ok\":false,\"error\":\"timeout\",\"message\":\"m\",\"ok\":true}",
        "{\"ok\":false,\"error\":\"timeout\",\"message\":\"m\"} {}",
        "{\"ok\":false,\"error\":\"timeout\",\"message\":\"m\",\"balance\":99999999999999999999}",
    })
    void fromJsonRefusesAnythingButAValidResultWithAnIllegalArgumentException(String json) {
        assertThatThrownBy(() -> OperationResult.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Strictness");
    }

    @Test
    void fromJsonRefusesNullAndHugeInputWithAnIllegalArgumentException() {
        assertThatThrownBy(() -> OperationResult.fromJson(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperationResult.fromJson("{\"x\":\"" + "y".repeat(70_000)
                + "\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRefusesIncoherentResults() {
        List<Runnable> invalid = List.of(
                () -> OperationResult.success(null, 1, 1, 1, 1),
                () -> OperationResult.success(Op.STATUS, 1, 1, 1, 1),
                () -> OperationResult.success(Op.CREDIT, 1, 1, 1, 0),
                () -> OperationResult.success(Op.CREDIT, 1, 1, 0, 1),
                () -> OperationResult.success(Op.CREDIT, Bank.MAX_BALANCE + 1, 1, 1, 1),
                () -> OperationResult.failure(null, "m"),
                () -> OperationResult.failure(ErrorCode.TIMEOUT, null),
                () -> OperationResult.failure(ErrorCode.TIMEOUT, ""),
                () -> OperationResult.failure(ErrorCode.TIMEOUT, "m").withLeader(-1),
                () -> new OperationResult(false, null, ErrorCode.TIMEOUT, "m", null, 1L, 1L, 0),
                () -> new OperationResult(true, Op.CREDIT, ErrorCode.TIMEOUT, null, 1L, 1L, 1L,
                        1));

        for (Runnable construction : invalid) {
            assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void appliedOutcomeIsASuccessWithTheBanksBalanceAndIndex() {
        ClientRequest credit = ClientRequest.of(Op.CREDIT, 250);

        OperationResult result = OperationResult.decided(credit,
                new Outcome(Status.APPLIED, 1250, 17), 3, 1);

        assertThat(result).isEqualTo(OperationResult.success(Op.CREDIT, 1250, 17, 3, 1));
    }

    @Test
    void insufficientFundsSaysByHowMuchAndCarriesTheBalance() {
        ClientRequest debit = ClientRequest.of(Op.DEBIT, 2000);

        OperationResult result = OperationResult.decided(debit,
                new Outcome(Status.INSUFFICIENT_FUNDS, 1000, 9), 2, 1);

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(result.message()).isEqualTo(
                "the debit of 20.00 is more than the balance of 10.00");
        assertThat(result.balance()).isEqualTo(1000);
        assertThat(result.leader()).isEqualTo(1);
    }

    @Test
    void limitExceededNamesTheLimit() {
        ClientRequest credit = ClientRequest.of(Op.CREDIT, 5);

        OperationResult result = OperationResult.decided(credit,
                new Outcome(Status.LIMIT_EXCEEDED, Bank.MAX_BALANCE, 9), 2, 1);

        assertThat(result.error()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(result.message()).isEqualTo("the credit of 0.05 would take the balance of "
                + "10000000000000.00 over the limit of 10000000000000.00");
    }

    @Test
    void staleRequestNamesTheSeqAndTheClient() {
        ClientRequest debit = ClientRequest.of(Op.DEBIT, 5).withSession("alice", 3);

        OperationResult result = OperationResult.decided(debit,
                new Outcome(Status.STALE_REQUEST, 100, 9), 2, 1);

        assertThat(result.error()).isEqualTo(ErrorCode.STALE_REQUEST);
        assertThat(result.message()).isEqualTo(
                "seq 3 is lower than the latest seq of client alice, so nothing was done");
        assertThat(result.balance()).isNull();
    }

    @Test
    void balanceAndStatusAreNotDecidedByTheBank() {
        assertThatThrownBy(() -> OperationResult.decided(ClientRequest.of(Op.BALANCE, 0),
                new Outcome(Status.APPLIED, 1, 1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeStatusComesFromTheRaftPictureAndTheBalance() {
        RaftStatus raft = new RaftStatus(2, Role.FOLLOWER, 5, 1, 1, Set.of(), 3, 10, 40, 39, 41,
                4, Map.of());

        NodeStatus status = NodeStatus.of(raft, 1250);

        assertThat(status).isEqualTo(new NodeStatus(2, Role.FOLLOWER, 5, 1, 40, 41, 39, 1250));
    }
}
