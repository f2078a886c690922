package org.raftteller.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.Requests.credit;
import static org.raftteller.node.Requests.debit;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's promise: an acknowledged write survives any crash. Tellers credit and
 * debit through three nodes while all five are killed one after another; then every node is
 * started again from its directory, and the balance must hold every acknowledged write, plus
 * any of the writes in flight at the crash (whose outcome the tellers then learn by retrying).
 */
class FullRestartTest {

    private static final int ACKNOWLEDGED_BEFORE_CRASH = 30;

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
    void everyAcknowledgedWriteSurvivesKillingAllFiveNodes() throws InterruptedException {
        nodes.awaitLeader();
        AtomicInteger acknowledged = new AtomicInteger();
        List<Teller> tellers = List.of(new Teller("teller-a", 1, acknowledged),
                new Teller("teller-b", 3, acknowledged), new Teller("teller-c", 5, acknowledged));
        List<Thread> threads = new ArrayList<>();
        for (Teller teller : tellers) {
            threads.add(new Thread(teller, teller.client));
        }
        threads.forEach(Thread::start);
        FiveNodes.await().until(() -> acknowledged.get() >= ACKNOWLEDGED_BEFORE_CRASH);

        FiveNodes.IDS.forEach(nodes::crash);
        for (Thread thread : threads) {
            thread.join(LineClient.READ_TIMEOUT.toMillis() * 2);
            assertThat(thread.isAlive()).as("%s stopped when its node crashed", thread).isFalse();
        }
        FiveNodes.IDS.forEach(nodes::restart);

        nodes.awaitLeader();
        long acknowledgedSum = 0;
        List<Long> possible = List.of(0L);
        for (Teller teller : tellers) {
            assertThat(teller.wrongAnswer).as("a wrong answer to %s", teller.client).isNull();
            assertThat(teller.connectionLost).as("%s lost its node", teller.client).isNotNull();
            acknowledgedSum += teller.acknowledgedSum;
            possible = withAndWithout(possible, teller.pending == null ? 0 : teller.pendingChange);
        }
        long recovered = nodes.balanceVia(nodes.awaitLeader());
        assertThat(recovered - acknowledgedSum)
                .as("balance %d after restart, less the %d acknowledged", recovered,
                        acknowledgedSum)
                .isIn(possible);
        long expected = acknowledgedSum;
        for (Teller teller : tellers) {
            expected += teller.settlePending();
        }
        for (int id : FiveNodes.IDS) {
            assertThat(nodes.balanceVia(id)).as("balance via node %d", id).isEqualTo(expected);
        }
        nodes.awaitEveryNodeHolds(expected);
    }

    /** Every sum of {@code sums} with and without {@code change}. */
    private static List<Long> withAndWithout(List<Long> sums, long change) {
        List<Long> both = new ArrayList<>(sums);
        sums.forEach(sum -> both.add(sum + change));
        return both;
    }

    /**
     * One client with one request in flight at a time, as DESIGN.md asks: a request is sent again
     * with the same seq until it is decided, and only then does seq move on. It stops when its
     * node's connection dies, leaving the request then in flight pending.
     */
    private final class Teller implements Runnable {
        final String client;
        final int node;
        final AtomicInteger acknowledged;
        final Random random;
        long acknowledgedSum;
        String pending;
        long pendingChange;
        JsonObject wrongAnswer;
        Throwable connectionLost;

        Teller(String client, int node, AtomicInteger acknowledged) {
            this.client = client;
            this.node = node;
            this.acknowledged = acknowledged;
            this.random = new Random(node);
        }

        @Override
        public void run() {
            try (LineClient connection = nodes.client(node)) {
                for (long seq = 1; ; seq++) {
                    long amount = 1 + random.nextInt(1_000);
                    boolean isCredit = seq % 3 != 0;
                    pending = isCredit ? credit(seq, amount, client, seq)
                            : debit(seq, amount / 10 + 1, client, seq);
                    pendingChange = isCredit ? amount : -(amount / 10 + 1);
                    JsonObject answer;
                    do {
                        answer = connection.call(pending);
                    } while (!decided(answer));
                    if (!answer.get("ok").getAsBoolean()
                            && !answer.get("error").getAsString().equals("insufficient_funds")) {
                        wrongAnswer = answer;
                        return;
                    }
                    if (answer.get("ok").getAsBoolean()) {
                        acknowledgedSum += pendingChange;
                        acknowledged.incrementAndGet();
                    }
                    pending = null;
                }
            } catch (AssertionError | UncheckedIOException e) {
                connectionLost = e; // the node crashed under the request in flight
            }
        }

        /** Sends the request in flight at the crash until decided; the change it made. */
        long settlePending() {
            if (pending == null) {
                return 0;
            }
            JsonObject answer = nodes.decide(pending);
            return answer.get("ok").getAsBoolean() ? pendingChange : 0;
        }

        private boolean decided(JsonObject answer) {
            return answer.get("ok").getAsBoolean()
                    || !FiveNodes.UNDECIDED.contains(answer.get("error").getAsString());
        }
    }
}
