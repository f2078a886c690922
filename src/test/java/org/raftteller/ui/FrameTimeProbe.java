package org.raftteller.ui;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.raftteller.cluster.Answer;
import org.raftteller.cluster.LocalCluster;
import org.raftteller.cluster.Tempo;
import org.raftteller.ui.pump.EventPump;

/**
 * Measures how smooth the window stays at the Real tempo under load: 16 client loops credit one
 * cent through random nodes, each sending its next credit when the last is answered, while an
 * AnimationTimer listener records the interval between frames and the JavaFX thread's work per
 * frame. Not a pass/fail test; it prints and writes {@code target/frame-times.txt}. Run with
 * {@code mvn -o -q test -Dtest=FrameTimeProbe -Draft.frametimes=10} (seconds of load);
 * {@code -Draft.frametimes.loops=0} measures the idle window for comparison, and
 * {@code -Draft.frametimes.sample=fx} (or {@code renderer}) prints where that thread spends
 * its time.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "raft.frametimes", matches = "\\d+")
class FrameTimeProbe {

    private static final int LOOPS = Integer.getInteger("raft.frametimes.loops", 16);

    private RaftTellerApp app;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        app = new RaftTellerApp(LocalCluster.Options.defaults().withTempo(Tempo.REAL));
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        Fx.run(stage::close);
        app.controller().shutdown().get();
    }

    @Test
    void frameTimesUnderLoadAtTheRealTempo() throws Exception {
        int seconds = Integer.getInteger("raft.frametimes");
        MainController c = app.controller();
        await().atMost(Duration.ofSeconds(20)).until(() -> Fx.get(
                () -> c.model().leaderProperty().get() != 0));
        List<Long> intervals = Collections.synchronizedList(new ArrayList<>());
        List<Long> work = Collections.synchronizedList(new ArrayList<>());
        AtomicLong last = new AtomicLong();
        AtomicLong maxBacklog = new AtomicLong();
        AtomicLong events = new AtomicLong();
        EventPump pump = c.pump();
        AtomicBoolean measuring = new AtomicBoolean(true);
        EventPump.FrameListener recorder = now -> {
            if (!measuring.get()) {
                return;
            }
            long previous = last.getAndSet(now);
            if (previous != 0) {
                intervals.add(now - previous);
                // The listener runs inside the frame's work, after the batch and the drawing.
                work.add(pump.lastWorkNanos());
            }
            events.addAndGet(pump.lastBatchSize());
            maxBacklog.accumulateAndGet(pump.backlog(), Math::max);
        };
        Fx.run(() -> pump.addFrameListener(recorder));

        AtomicLong committed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            loops.add(loop(c.session(), end, committed, failed));
        }
        StackSampler sampler = StackSampler.fromProperty(end);
        CompletableFuture.allOf(loops.toArray(new CompletableFuture[0])).get();
        // With no loops (the idle measurement) nothing above waits for the time to pass.
        await().atMost(Duration.ofSeconds(seconds + 5)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.nanoTime() >= end);
        sampler.finish();
        measuring.set(false);
        Fx.run(() -> pump.removeFrameListener(recorder));

        String report = report(seconds, intervals, work, committed.get(), failed.get(),
                events.get(), maxBacklog.get());
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "frame-times.txt"), report);
    }

    private static CompletableFuture<Void> loop(ClusterSession session, long end,
                                                AtomicLong committed, AtomicLong failed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(session, end, committed, failed, done);
        return done;
    }

    private static void next(ClusterSession session, long end, AtomicLong committed,
                             AtomicLong failed, CompletableFuture<Void> done) {
        if (System.nanoTime() >= end) {
            done.complete(null);
            return;
        }
        int node = 1 + ThreadLocalRandom.current().nextInt(5);
        session.credit(node, 1).whenComplete((Answer a, Throwable e) -> {
            if (e == null && a.ok()) {
                committed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            next(session, end, committed, failed, done);
        });
    }

    private static String report(int seconds, List<Long> intervals, List<Long> work,
                                 long committed, long failed, long events, long maxBacklog) {
        List<Long> iv;
        List<Long> wk;
        synchronized (intervals) {
            iv = new ArrayList<>(intervals);
        }
        synchronized (work) {
            wk = new ArrayList<>(work);
        }
        Collections.sort(iv);
        Collections.sort(wk);
        return String.format("Frame times at the Real tempo, %d client loops, %d s (glass %s, prism %s):%n"
                        + "  credits committed %d (%.0f/s), failed %d; cluster events applied %d "
                        + "(%.0f/s); most events waiting for a frame %d%n"
                        + "  frames %d; interval p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                        + "  JavaFX thread work per frame p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                LOOPS, seconds, System.getProperty("glass.platform", "default"),
                System.getProperty("prism.order", "default"), committed, committed / (double) seconds, failed, events,
                events / (double) seconds, maxBacklog, iv.size(), ms(iv, 0.50), ms(iv, 0.99),
                ms(iv, 1.0), ms(wk, 0.50), ms(wk, 0.99), ms(wk, 1.0));
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
