package org.raftteller.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalClusterTest {

    private LocalCluster cluster;

    @BeforeEach
    void start() {
        cluster = LocalCluster.start(LocalCluster.Options.defaults().withTempo(Tempo.REAL), null);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void creditOnAFollowerReachesEveryNode() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leader() != 0);
        int follower = cluster.ids().stream().filter(i -> i != cluster.leader()).findFirst().orElseThrow();

        Answer credit = cluster.credit(follower, 1250).get(10, TimeUnit.SECONDS);

        assertThat(credit.ok()).as(credit.toString()).isTrue();
        assertThat(credit.balance()).isEqualTo(1250);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.ids().stream()
                .allMatch(i -> cluster.view(i).balance() == 1250));
        Answer read = cluster.balance(follower).get(10, TimeUnit.SECONDS);
        assertThat(read.balance()).isEqualTo(1250);
    }

    @Test
    void killingTheLeaderElectsAnotherInAHigherTerm() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leader() != 0);
        long term = cluster.view(cluster.leader()).raft().term();

        int killed = cluster.killLeader();

        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leader() != 0
                && cluster.leader() != killed);
        assertThat(cluster.view(cluster.leader()).raft().term()).isGreaterThan(term);
        cluster.revive(killed);
        Answer credit = cluster.credit(killed, 500).get(10, TimeUnit.SECONDS);
        assertThat(credit.ok()).as(credit.toString()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.view(killed).balance() == 500);
    }
}
