package org.raftteller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.Requests.credit;

import java.nio.file.Path;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balance's ceiling of 10^15 cents. Reaching it takes a thousand credits of the largest
 * amount, so this has a cluster of its own rather than leaving the shared one near the limit.
 */
class BalanceLimitTest {

    private static final long MAX_AMOUNT = 1_000_000_000_000L;
    private static final long MAX_BALANCE = 1_000_000_000_000_000L;

    @TempDir
    Path dir;
    private FiveNodes nodes;

    @BeforeEach
    void startCluster() {
        nodes = FiveNodes.start(dir);
    }

    @AfterEach
    void stopCluster() {
        nodes.assertNoTermHadTwoLeaders();
        nodes.close();
    }

    @Test
    void creditOverTheLimitIsRefusedWithLimitExceededAndChangesNothing() {
        int leader = nodes.awaitLeader();
        int credits = (int) (MAX_BALANCE / MAX_AMOUNT);
        JsonObject last = null;
        try (LineClient client = nodes.client(leader)) {
            for (int i = 0; i < credits; i++) {
                client.send(credit(i, MAX_AMOUNT));
            }
            for (int i = 0; i < credits; i++) {
                JsonObject answer = client.receive();
                assertThat(answer.get("ok").getAsBoolean()).as("%s", answer).isTrue();
                if (answer.get("balance").getAsLong() == MAX_BALANCE) {
                    last = answer;
                }
            }
        }
        assertThat(last).as("the credit that reached the limit exactly").isNotNull();

        for (int id : FiveNodes.IDS) {
            JsonObject refused;
            try (LineClient client = nodes.client(id)) {
                refused = client.call(credit("one cent too many", 1));
            }

            assertThat(refused.get("id").getAsString()).isEqualTo("one cent too many");
            assertThat(refused.get("ok").getAsBoolean()).as("%s", refused).isFalse();
            assertThat(refused.get("error").getAsString()).isEqualTo("limit_exceeded");
            assertThat(refused.get("message").getAsString()).isNotBlank();
            assertThat(refused.get("node").getAsInt()).isEqualTo(id);
            assertThat(nodes.balanceVia(id)).isEqualTo(MAX_BALANCE);
        }
    }
}
