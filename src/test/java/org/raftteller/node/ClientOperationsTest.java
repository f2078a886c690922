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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
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
                answer = client.callUntilDecided(credit(requestId, 100 + id, "to-" + id, 1));
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
            balance = client.callUntilDecided(credit(null, 5_000, "funds", 1)).get("balance")
                    .getAsLong();
        }

        for (int id : FiveNodes.IDS) {
            long requestId = firstId + id;
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.callUntilDecided(debit(requestId, 10 * id, "from-" + id, 1));
            }
            balance -= 10 * id;

            assertThat(answer.get("id").getAsJsonPrimitive().isNumber()).as("%s", answer).isTrue();
            assertThat(answer.get("id").getAsNumber()).hasToString(Long.toString(requestId));
            assertThat(answer.keySet()).as("%s", answer).isEqualTo(SUCCESS_FIELDS);
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
            credit = client.callUntilDecided(credit(null, 777, "before-balance", 1));
        }
        assertThat(credit.get("ok").getAsBoolean()).as("%s", credit).isTrue();

        for (int id : FiveNodes.IDS) {
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.callUntilDecided(balance(-id));
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
    void statusThroughAnyNodeDescribesThatNodeAndTogetherOneCluster() {
        long balance = nodes.balanceVia(nodes.awaitLeader());

        // Status is each node's own view, taken without consensus: right after an election or
        // a write the views may differ for a moment, so they are compared until they agree.
        FiveNodes.await().untilAsserted(() -> {
            Map<Integer, JsonObject> statuses = new HashMap<>();
            for (int id : FiveNodes.IDS) {
                try (LineClient client = nodes.client(id)) {
                    statuses.put(id, client.call(status("status-" + id)));
                }
            }

            statuses.forEach((id, answer) -> {
                assertThat(answer.keySet()).as("%s", answer).isEqualTo(STATUS_FIELDS);
                assertThat(answer.get("id").getAsString()).isEqualTo("status-" + id);
                assertThat(answer.get("ok").getAsBoolean()).isTrue();
                assertThat(answer.get("op").getAsString()).isEqualTo("status");
                assertThat(answer.get("node").getAsInt()).isEqualTo(id);
                assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
                long commitIndex = answer.get("commitIndex").getAsLong();
                assertThat(commitIndex).isPositive();
                assertThat(answer.get("lastApplied").getAsLong()).isEqualTo(commitIndex);
                assertThat(answer.get("lastLogIndex").getAsLong())
                        .isGreaterThanOrEqualTo(commitIndex);
            });
            List<Integer> leaders = statuses.keySet().stream()
                    .filter(id -> statuses.get(id).get("role").getAsString().equals("leader"))
                    .toList();
            assertThat(leaders).as("nodes whose role is leader").hasSize(1);
            assertThat(statuses.values()).allSatisfy(answer -> {
                assertThat(answer.get("leader").getAsInt()).isEqualTo(leaders.get(0));
                assertThat(answer.get("term")).isEqualTo(statuses.get(leaders.get(0)).get("term"));
                assertThat(answer.get("role").getAsString()).isIn("leader", "follower");
            });
        });
    }

    @Test
    void debitOverTheBalanceIsRefusedWithTheBalanceAndChangesNothing() {
        int leader = nodes.awaitLeader();
        int follower = nodes.followers().get(0);

        for (int id : List.of(leader, follower)) {
            long balance = nodes.balanceVia(id);
            JsonObject answer;
            try (LineClient client = nodes.client(id)) {
                answer = client.callUntilDecided(debit("too much", balance + 1,
                        "overdrawn-" + id, 1));
            }

            assertThat(answer.get("id").getAsString()).isEqualTo("too much");
            assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isFalse();
            assertThat(answer.get("error").getAsString()).isEqualTo("insufficient_funds");
            assertThat(answer.get("message").getAsString()).isNotBlank();
            assertThat(answer.get("balance").getAsLong()).isEqualTo(balance);
            assertThat(nodes.wasLeader(answer.get("leader").getAsInt()))
                    .as("the node named leader in %s was elected", answer).isTrue();
            assertThat(answer.has("index")).isFalse();
            assertThat(nodes.balanceVia(id)).isEqualTo(balance);
        }
    }

    @Test
    void seqLowerThanTheClientsLatestIsStaleAndChangesNothing() {
        int follower = nodes.followers().get(0);
        try (LineClient client = nodes.client(follower)) {
            JsonObject latest = client.callUntilDecided(credit(1, 300, "stale-client", 5));
            assertThat(latest.get("ok").getAsBoolean()).as("%s", latest).isTrue();
            long balance = latest.get("balance").getAsLong();

            JsonObject stale = client.callUntilDecided(credit(2, 400, "stale-client", 4));

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
            first = client.callUntilDecided(credit("first", 700, "retrying-client", 1));
            retry = client.callUntilDecided(credit("retry", 700, "retrying-client", 1));
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
            first = client.callUntilDecided(debit(1, 25, "roaming-client", 7));
        }
        try (LineClient client = nodes.client(leader)) {
            retryOnLeader = client.callUntilDecided(debit(2, 25, "roaming-client", 7));
        }
        try (LineClient client = nodes.client(nodes.followers().get(2))) {
            retryOnFollower = client.callUntilDecided(debit(3, 25, "roaming-client", 7));
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

        Map<String, String> lines = new LinkedHashMap<>();
        for (int i = 1; i <= credits; i++) {
            lines.put("credit-" + i, credit("credit-" + i, i, "pipelined-" + i, 1));
            if (i % 10 == 0) {
                lines.put("status-" + i, status("status-" + i));
                lines.put("balance-" + i, balance("balance-" + i));
            }
        }
        Map<String, JsonObject> answers = new HashMap<>();
        try (LineClient client = nodes.client(follower)) {
            lines.values().forEach(client::send);
            for (int i = 0; i < lines.size(); i++) {
                JsonObject answer = client.receive();
                answers.put(answer.get("id").getAsString(), answer);
            }
            // A leader change may leave some undecided; as a client would, ask those again.
            answers.replaceAll((id, answer) -> LineClient.isDecided(answer) ? answer
                    : client.callUntilDecided(lines.get(id)));
        }

        assertThat(answers.keySet()).isEqualTo(lines.keySet());
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
