package org.raftteller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.raftteller.storage.TestEntries.entries;
import static org.raftteller.storage.TestEntries.entry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raftteller.raft.Entry;
import org.raftteller.raft.HardState;

class StorageWriterTest {

    @TempDir
    Path dir;

    // Stands in for the node's event loop: one thread, tasks in order.
    private final ExecutorService eventLoop =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "event-loop"));
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    @AfterEach
    void stopEventLoop() throws InterruptedException {
        eventLoop.shutdown();
        eventLoop.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void durableCallbacksRunInSubmissionOrderOnTheExecutor() throws IOException {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (NodeStorage storage = NodeStorage.open(dir, NodeStorage.Options.defaults());
                StorageWriter writer =
                        new StorageWriter("node 1", storage, eventLoop, fatal::set)) {

            for (long index = 1; index <= 50; index++) {
                long submitted = index;
                writer.submit(null, List.of(entry(index, 1)), () -> {
                    events.add("durable " + submitted);
                    threads.add(Thread.currentThread().getName());
                });
            }

            await().atMost(10, TimeUnit.SECONDS).until(() -> events.size() == 50);
            List<String> expected = new ArrayList<>();
            for (long index = 1; index <= 50; index++) {
                expected.add("durable " + index);
            }
            assertThat(events).containsExactlyElementsOf(expected);
            assertThat(threads).containsOnly("event-loop");
            assertThat(storage.recover().entries()).containsExactlyElementsOf(entries(1, 50, 1));
        }
    }

    @Test
    void submissionsQueuedDuringAWriteShareTheNextSync() throws InterruptedException {
        GatedStore store = new GatedStore();
        try (StorageWriter writer = new StorageWriter("node 1", store, eventLoop, fatal::set)) {
            writer.submit(null, List.of(entry(1, 1)), () -> events.add("durable 1"));
            store.entered.await();

            for (long index = 2; index <= 11; index++) {
                long submitted = index;
                writer.submit(null, List.of(entry(index, 1)),
                        () -> events.add("durable " + submitted));
            }
            store.gate.countDown();

            await().atMost(10, TimeUnit.SECONDS).until(() -> events.size() == 11);
            assertThat(writer.syncCount()).isEqualTo(2);
            assertThat(store.log).containsExactly(
                    "persist 1", "sync",
                    "persist 2", "persist 3", "persist 4", "persist 5", "persist 6",
                    "persist 7", "persist 8", "persist 9", "persist 10", "persist 11", "sync");
            assertThat(events).startsWith("durable 1", "durable 2").endsWith("durable 11");
        }
    }

    @Test
    void callbackRunsOnlyAfterTheSyncThatCoversIt() {
        RecordingStore store = new RecordingStore(events);
        try (StorageWriter writer = new StorageWriter("node 1", store, eventLoop, fatal::set)) {

            writer.submit(new HardState(1, 1), List.of(entry(1, 1)), () -> events.add("durable"));

            await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains("durable"));
            assertThat(events).containsExactly("persist 1", "sync", "durable");
        }
    }

    @Test
    void failedSyncIsReportedOnceAndNothingMoreIsAccepted() {
        RecordingStore store = new RecordingStore(events);
        store.failSync = true;
        try (StorageWriter writer = new StorageWriter("node 1", store, eventLoop, fatal::set)) {

            writer.submit(null, List.of(entry(1, 1)), () -> events.add("durable"));

            await().atMost(10, TimeUnit.SECONDS).until(() -> fatal.get() != null);
            assertThat(fatal.get()).isInstanceOf(IOException.class).hasMessage("disk on fire");
            assertThatThrownBy(() -> writer.submit(null, List.of(entry(2, 1)), () -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stopped after a failure");
            assertThat(events).doesNotContain("durable");
            assertThat(writer.syncCount()).isZero();
        }
    }

    @Test
    void closeMakesEverythingAlreadySubmittedDurable() throws IOException {
        try (NodeStorage storage = NodeStorage.open(dir, NodeStorage.Options.defaults())) {
            StorageWriter writer = new StorageWriter("node 1", storage, Runnable::run, fatal::set);
            writer.submit(new HardState(3, 2), entries(1, 10, 3), () -> events.add("durable"));
            writer.submit(null, entries(11, 20, 3), () -> events.add("durable"));

            writer.close();

            assertThat(events).containsExactly("durable", "durable");
            assertThat(storage.recover())
                    .isEqualTo(new NodeStorage.Recovered(new HardState(3, 2), entries(1, 20, 3)));
            assertThatThrownBy(() -> writer.submit(null, List.of(), () -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
        assertThat(fatal.get()).isNull();
    }

    /** Records the calls it receives into a shared list, optionally failing the sync. */
    private static final class RecordingStore implements StableStore {

        private final List<String> log;
        boolean failSync;

        RecordingStore(List<String> log) {
            this.log = log;
        }

        @Override
        public void persist(HardState hardStateOrNull, List<Entry> entries) {
            entries.forEach(entry -> log.add("persist " + entry.index()));
        }

        @Override
        public void sync() throws IOException {
            if (failSync) {
                throw new IOException("disk on fire");
            }
            log.add("sync");
        }
    }

    /**
     * Holds the writer inside its first persist until the test opens the gate, so the test
     * knows for certain what is queued when the next batch is taken.
     */
    private static final class GatedStore implements StableStore {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void persist(HardState hardStateOrNull, List<Entry> entries)
                throws IOException {
            entries.forEach(entry -> log.add("persist " + entry.index()));
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void sync() {
            log.add("sync");
        }
    }
}
