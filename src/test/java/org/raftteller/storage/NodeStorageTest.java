package org.raftteller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.storage.TestEntries.entries;
import static org.raftteller.storage.TestEntries.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;

class NodeStorageTest {

    private static final NodeStorage.Options DEFAULTS = NodeStorage.Options.defaults();

    @TempDir
    Path tmp;

    @Test
    void persistedStateAndEntriesAreRecoveredAfterReopen() throws IOException {
        Path dir = tmp.resolve("node-1");
        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS)) {
            storage.persist(new HardState(2, 1), entries(1, 3, 1));
            storage.persist(null, entries(3, 4, 2));
            storage.sync();
        }

        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS)) {
            NodeStorage.Recovered recovered = storage.recover();

            assertThat(recovered.hardState()).isEqualTo(new HardState(2, 1));
            List<Entry> expected = new ArrayList<>(entries(1, 2, 1));
            expected.addAll(entries(3, 4, 2));
            assertThat(recovered.entries()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void missingDirectoryIsCreatedWithItsParents() throws IOException {
        Path dir = tmp.resolve("a/b/node-1");

        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS)) {

            assertThat(storage.recover())
                    .isEqualTo(new NodeStorage.Recovered(HardState.INITIAL, List.of()));
            assertThat(dir.resolve("LOCK")).exists();
            assertThat(dir.resolve("log")).isDirectory();
        }
    }

    @Test
    void newHardStateReachesTheStateFileOnlyAtSync() throws IOException {
        Path dir = tmp.resolve("node-1");
        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS)) {
            storage.persist(new HardState(1, 1), List.of());
            storage.sync();

            storage.persist(new HardState(2, 3), List.of());
            HardState beforeSync = new HardStateFile(dir).load();
            storage.sync();

            assertThat(beforeSync).isEqualTo(new HardState(1, 1));
            assertThat(new HardStateFile(dir).load()).isEqualTo(new HardState(2, 3));
        }
    }

    @Test
    void withFsyncOffWritesStillReachTheFiles() throws IOException {
        Path dir = tmp.resolve("node-1");
        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS.withFsync(false))) {
            storage.persist(new HardState(4, 2), entries(1, 3, 4));

            storage.sync();
        }

        try (NodeStorage storage = NodeStorage.open(dir, DEFAULTS)) {
            assertThat(storage.recover())
                    .isEqualTo(new NodeStorage.Recovered(new HardState(4, 2), entries(1, 3, 4)));
        }
    }

    @Test
    void termThatWouldDecreaseIsRejected() throws IOException {
        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {
            storage.persist(new HardState(5, 1), List.of());

            assertThatThrownBy(() -> storage.persist(new HardState(4, 1), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("from 5 to 4");
        }
    }

    @Test
    void voteCastInATermCannotChangeWithinIt() throws IOException {
        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {
            storage.persist(new HardState(5, 1), List.of());

            assertThatThrownBy(() -> storage.persist(new HardState(5, 2), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vote in term 5");
            storage.persist(new HardState(6, 2), List.of(entry(1, 6)));
        }
    }

    @Test
    void secondOpenInTheSameProcessIsRefusedAndKeepsTheLockHeld() throws Exception {
        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {

            assertThatThrownBy(() -> NodeStorage.open(tmp, DEFAULTS))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining(tmp.toString())
                    .hasMessageContaining("already open in this process");
            assertThat(LockProbe.tryLock(tmp)).isEqualTo("busy");
        }
    }

    @Test
    void openIsRefusedWhileAnotherProcessHoldsTheDirectory() throws Exception {
        Process holder = LockProbe.start(tmp, "hold");
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> NodeStorage.open(tmp, DEFAULTS))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("in use by another process");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
        }

        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {
            assertThat(storage.lastIndex()).isZero();
        }
    }

    @Test
    void directoryCanBeOpenedAgainAfterClose() throws Exception {
        NodeStorage.open(tmp, DEFAULTS).close();

        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {

            assertThat(storage.dir()).isEqualTo(tmp);
        }
        assertThat(LockProbe.tryLock(tmp)).isEqualTo("locked");
    }

    @Test
    void identityIsRecordedAndAcceptedAgain() throws IOException {
        NodeStorage.Options node2 = DEFAULTS.withIdentity(new NodeIdentity(2, "classroom"));
        NodeStorage.open(tmp, node2).close();

        try (NodeStorage storage = NodeStorage.open(tmp, node2)) {

            assertThat(Files.readString(tmp.resolve("identity")))
                    .isEqualTo("raft-teller identity 1\nnode=2\ncluster=classroom\n");
        }
    }

    @Test
    void openAsAnotherNodeIsRefusedNamingBoth() throws IOException {
        NodeStorage.open(tmp, DEFAULTS.withIdentity(new NodeIdentity(2, "classroom"))).close();

        assertThatThrownBy(() -> NodeStorage.open(tmp,
                DEFAULTS.withIdentity(new NodeIdentity(3, "classroom"))))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("belongs to node 2 of cluster classroom")
                .hasMessageContaining("as node 3 of cluster classroom");
        NodeStorage.open(tmp, DEFAULTS.withIdentity(new NodeIdentity(2, "classroom"))).close();
    }

    @Test
    void openForAnotherClusterIsRefusedNamingBoth() throws IOException {
        NodeStorage.open(tmp, DEFAULTS.withIdentity(new NodeIdentity(2, "classroom"))).close();

        assertThatThrownBy(() -> NodeStorage.open(tmp,
                DEFAULTS.withIdentity(new NodeIdentity(2, "lab"))))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("node 2 of cluster classroom")
                .hasMessageContaining("node 2 of cluster lab");
    }

    @Test
    void leftoverHardStateTempFileIsDiscardedWithAWarning() throws IOException {
        try (NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {
            storage.persist(new HardState(3, 1), List.of());
        }
        Files.write(tmp.resolve("state.tmp"), new byte[] {9, 9});

        try (LogCapture logged = new LogCapture(HardStateFile.class);
                NodeStorage storage = NodeStorage.open(tmp, DEFAULTS)) {

            assertThat(storage.recover().hardState()).isEqualTo(new HardState(3, 1));
            assertThat(tmp.resolve("state.tmp")).doesNotExist();
            assertThat(logged.warnings()).singleElement().asString().contains("state.tmp");
        }
    }
}
