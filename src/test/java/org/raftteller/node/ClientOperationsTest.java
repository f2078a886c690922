package org.raftteller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.Requests.balance;
import static org.raftteller.node.Requests.credit;
import static org.raftteller.node.Requests.debit;
import static org.raftteller.node.Requests.status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client protocol of DESIGN.md against five real nodes, through real sockets, on the leader
 * and on followers alike. The tests share one cluster; each works from the balance it finds.
 */
class ClientOperationsTest {

    private static final Set<String> SUCCESS_FIELDS =
            Set.of("id", "ok", "op", "balance", "index", "term", "node", "leader");
    private static final Set<String> STATUS_FIELDS = Set.of("id", "ok", "op", "node", "role",
            "term", "leader", "commitIndex", "lastLogIndex", "lastApplied", "balance");

    @TempDir
    static Path dir;
    private static FiveNodes nodes;

    @BeforeAll
    static void startCluster() {
        nodes = FiveNodes.start(dir);
        nodes.awaitLeader();
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.assertNoTermHadTwoLeaders();
            nodes.close();
        }
    }

    @Test
    void creditThroughAnyNodeAnswersWithEveryFieldOfASuccess() {
        long balance = nodes.balanceVia(nodes.awaitLeader());
        long lastIndex = 0;

        for (int id : FiveNodes.IDS) {
            String requestId = "credit on node " + id;
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.call(credit(requestId, 100 + id));
            }
            balance += 100 + id;

            assertThat(answer.keySet()).as("%s", answer).isEqualTo(SUCCESS_FIELDS);
            assertThat(answer.get("id").getAsJsonPrimitive().isString()).isTrue();
            assertThat(answer.get("id").getAsString()).isEqualTo(requestId);
            assertThat(answer.get("ok").getAsBoolean()).isTrue();
            assertThat(answer.get("op").getAsString()).isEqualTo("credit");
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            assertThat(answer.get("index").getAsLong()).isGreaterThan(lastIndex);
            assertThat(answer.get("node").getAsInt()).isEqualTo(id);
            assertLeaderOfItsTerm(answer);
            lastIndex = answer.get("index").getAsLong();
        }
    }

    @Test
    void debitThroughAnyNodeEchoesAnIntegerIdDigitForDigit() {
        // 2^53 + 1: a client that reads ids as doubles would get 2^53 back; the node must not.
        long firstId = 9_007_199_254_740_993L;
        long balance = nodes.balanceVia(nodes.awaitLeader());
        try (LineClient client = nodes.client(1)) {
            balance = client.call(credit(null, 5_000)).get("balance").getAsLong();
        }

        for (int id : FiveNodes.IDS) {
            long requestId = firstId + id;
            String line;
            try (LineClient client = nodes.client(id)) {
                line = client.send(debit(requestId, 10 * id)).readLine();
            }
            JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
            balance -= 10 * id;

            assertThat(line).startsWith("{\"id\":" + requestId + ",");
            assertThat(answer.keySet()).as(line).isEqualTo(SUCCESS_FIELDS);
            assertThat(answer.get("ok").getAsBoolean()).isTrue();
            assertThat(answer.get("op").getAsString()).isEqualTo("debit");
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            assertThat(answer.get("index").getAsLong()).isPositive();
            assertThat(answer.get("node").getAsInt()).isEqualTo(id);
            assertLeaderOfItsTerm(answer);
        }
    }

    @Test
    void balanceThroughAnyNodeIsNeverOlderThanAnAcknowledgedCredit() {
        int follower = nodes.followers().get(0);
        JsonObject credit;
        try (LineClient client = nodes.client(follower)) {
            credit = client.call(credit(null, 777));
        }
        assertThat(credit.get("ok").getAsBoolean()).as("%s", credit).isTrue();

        for (int id : FiveNodes.IDS) {
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.call(balance(-id));
            }

            assertThat(answer.keySet()).as("%s", answer).isEqualTo(SUCCESS_FIELDS);
            assertThat(answer.get("id").getAsLong()).isEqualTo(-id);
            assertThat(answer.get("ok").getAsBoolean()).isTrue();
            assertThat(answer.get("op").getAsString()).isEqualTo("balance");
            assertThat(answer.get("balance").getAsLong())
                    .isEqualTo(credit.get("balance").getAsLong());
            assertThat(answer.get("index").getAsLong())
                    .isGreaterThanOrEqualTo(credit.get("index").getAsLong());
            assertThat(answer.get("node").getAsInt()).isEqualTo(id);
            assertLeaderOfItsTerm(answer);
        }
    }

    @Test
    void statusThroughAnyNodeDescribesThatNode() {
        int leader = nodes.awaitLeader();
        long balance = nodes.balanceVia(leader);
        nodes.awaitEveryNodeHolds(balance);

        for (int id : FiveNodes.IDS) {
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.call(status("status-" + id));
            }

            assertThat(answer.keySet()).as("%s", answer).isEqualTo(STATUS_FIELDS);
            assertThat(answer.get("id").getAsString()).isEqualTo("status-" + id);
            assertThat(answer.get("ok").getAsBoolean()).isTrue();
            assertThat(answer.get("op").getAsString()).isEqualTo("status");
            assertThat(answer.get("node").getAsInt()).isEqualTo(id);
            assertThat(answer.get("role").getAsString())
                    .isEqualTo(id == leader ? "leader" : "follower");
            assertThat(answer.get("term").getAsLong()).isEqualTo(nodes.status(leader).term());
            assertThat(answer.get("leader").getAsInt()).isEqualTo(leader);
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            long commitIndex = answer.get("commitIndex").getAsLong();
            assertThat(commitIndex).isPositive();
            assertThat(answer.get("lastApplied").getAsLong()).isEqualTo(commitIndex);
            assertThat(answer.get("lastLogIndex").getAsLong()).isGreaterThanOrEqualTo(commitIndex);
        }
    }

    @Test
    void debitOverTheBalanceIsRefusedWithTheBalanceAndChangesNothing() {
        int leader = nodes.awaitLeader();
        int follower = nodes.followers().get(0);

        for (int id : List.of(leader, follower)) {
            long balance = nodes.balanceVia(id);
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.call(debit("too much", balance + 1));
            }

            assertThat(answer.get("id").getAsString()).isEqualTo("too much");
            assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isFalse();
            assertThat(answer.get("error").getAsString()).isEqualTo("insufficient_funds");
            assertThat(answer.get("message").getAsString()).isNotBlank();
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            assertThat(answer.get("leader").getAsInt()).isEqualTo(nodes.awaitLeader());
            assertThat(answer.has("index")).isFalse();
            assertThat(nodes.balanceVia(id)).isEqualTo(balance);
        }
    }

    @Test
    void seqLowerThanTheClientsLatestIsStaleAndChangesNothing() {
        int follower = nodes.followers().get(0);
        try (LineClient client = nodes.client(follower)) {
            JsonObject latest = client.call(credit(1, 300, "stale-client", 5));
            assertThat(latest.get("ok").getAsBoolean()).as("%s", latest).isTrue();
            long balance = latest.get("balance").getAsLong();

            JsonObject stale = client.call(credit(2, 400, "stale-client", 4));

            assertThat(stale.get("id").getAsInt()).isEqualTo(2);
            assertThat(stale.get("ok").getAsBoolean()).as("%s", stale).isFalse();
            assertThat(stale.get("error").getAsString()).isEqualTo("stale_request");
            assertThat(stale.get("message").getAsString()).isNotBlank();
            assertThat(nodes.balanceVia(follower)).isEqualTo(balance);
        }
    }

    @Test
    void retryOfAClientAndSeqOnTheSameNodeIsAppliedOnce() {
        int follower = nodes.followers().get(0);
        long before = nodes.balanceVia(follower);

        JsonObject first;
        JsonObject retry;
        try (LineClient client = nodes.client(follower)) {
            first = client.call(credit("first", 700, "retrying-client", 1));
            retry = client.call(credit("retry", 700, "retrying-client", 1));
        }

        assertThat(first.get("ok").getAsBoolean()).as("%s", first).isTrue();
        assertThat(first.get("balance").getAsLong()).isEqualTo(before + 700);
        assertSameOutcome(retry, first);
        assertThat(retry.get("id").getAsString()).isEqualTo("retry");
        assertThat(nodes.balanceVia(follower)).isEqualTo(before + 700);
    }

    @Test
    void retryOfAClientAndSeqOnAnotherNodeIsAppliedOnce() {
        int leader = nodes.awaitLeader();
        int follower = nodes.followers().get(1);
        long before = nodes.balanceVia(leader);

        JsonObject first;
        JsonObject retryOnLeader;
        JsonObject retryOnFollower;
        try (LineClient client = nodes.client(follower)) {
            first = client.call(debit(1, 25, "roaming-client", 7));
        }
        try (LineClient client = nodes.client(leader)) {
            retryOnLeader = client.call(debit(2, 25, "roaming-client", 7));
        }
        try (LineClient client = nodes.client(nodes.followers().get(2))) {
            retryOnFollower = client.call(debit(3, 25, "roaming-client", 7));
        }

        assertThat(first.get("ok").getAsBoolean()).as("%s", first).isTrue();
        assertThat(first.get("balance").getAsLong()).isEqualTo(before - 25);
        assertSameOutcome(retryOnLeader, first);
        assertSameOutcome(retryOnFollower, first);
        assertThat(nodes.balanceVia(follower)).isEqualTo(before - 25);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreEachAnsweredById() {
        int follower = nodes.followers().get(0);
        long before = nodes.balanceVia(follower);
        int credits = 40;

        Map<String, JsonObject> answers = new HashMap<>();
        try (LineClient client = nodes.client(follower)) {
            for (int i = 1; i <= credits; i++) {
                client.send(credit("credit-" + i, i));
                if (i % 10 == 0) {
                    client.send(status("status-" + i)).send(balance("balance-" + i));
                }
            }
            for (int i = 0; i < credits + 2 * (credits / 10); i++) {
                JsonObject answer = client.receive();
                answers.put(answer.get("id").getAsString(), answer);
            }
        }

        assertThat(answers).hasSize(credits + 2 * (credits / 10));
        List<Long> balances = new ArrayList<>();
        Set<Long> indexes = new HashSet<>();
        for (int i = 1; i <= credits; i++) {
            JsonObject credit = answers.get("credit-" + i);
            assertThat(credit).as("the answer to credit-%d", i).isNotNull();
            assertThat(credit.get("ok").getAsBoolean()).as("%s", credit).isTrue();
            assertThat(credit.get("op").getAsString()).isEqualTo("credit");
            balances.add(credit.get("balance").getAsLong());
            indexes.add(credit.get("index").getAsLong());
        }
        for (int i = 10; i <= credits; i += 10) {
            assertThat(answers.get("status-" + i).get("op").getAsString()).isEqualTo("status");
            assertThat(answers.get("balance-" + i).get("op").getAsString()).isEqualTo("balance");
        }
        long sum = (long) credits * (credits + 1) / 2;
        assertThat(indexes).as("one log index per credit").hasSize(credits);
        assertThat(balances).doesNotHaveDuplicates().allMatch(b -> b > before && b <= before + sum);
        assertThat(nodes.balanceVia(follower)).isEqualTo(before + sum);
    }

    /** The answer names the node that became leader in the answer's term. */
    private static void assertLeaderOfItsTerm(JsonObject answer) {
        long term = answer.get("term").getAsLong();
        assertThat(term).isPositive();
        assertThat(nodes.leaderOfTerm(term)).as("the leader of term %d", term).isNotNull();
        assertThat(answer.get("leader").getAsInt()).as("%s", answer)
                .isEqualTo(nodes.leaderOfTerm(term));
    }

    private static void assertSameOutcome(JsonObject retry, JsonObject first) {
        assertThat(retry.get("ok").getAsBoolean()).as("%s", retry).isTrue();
        assertThat(retry.get("op")).isEqualTo(first.get("op"));
        assertThat(retry.get("balance")).isEqualTo(first.get("balance"));
        assertThat(retry.get("index")).isEqualTo(first.get("index"));
    }
}
