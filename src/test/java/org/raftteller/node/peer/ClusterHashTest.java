package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nodes started apart must agree on the hash of their cluster id, on every JVM and every run. */
class ClusterHashTest {

    @ParameterizedTest
    @CsvSource({
        "'',          cbf29ce484222325",
        "a,           af63dc4c8601ec8c",
        "foobar,      85944171f73967e8",
        "raft-teller, 62e5997208d11591"})
    void hashIsFnv1a64WithItsPublishedValues(String clusterId, String expectedHex) {
        long hash = PeerCodec.clusterHash(clusterId);

        assertThat(hash).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    @Test
    void hashOfNonAsciiIdIsTakenOverItsUtf8Bytes() {
        String clusterId = "café";

        long hash = PeerCodec.clusterHash(clusterId);

        assertThat(hash).isEqualTo(0x48e8823acfa40d89L);
    }

    @Test
    void differentIdsHaveDifferentHashes() {
        Set<Long> hashes = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            hashes.add(PeerCodec.clusterHash("cluster-" + i));
        }

        assertThat(hashes).hasSize(10_000);
        assertThat(PeerCodec.clusterHash("classroom"))
                .isNotEqualTo(PeerCodec.clusterHash("Classroom"));
    }
}
