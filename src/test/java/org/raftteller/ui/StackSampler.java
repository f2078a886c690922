package org.raftteller.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A poor man's profiler for the frame-time probe: samples one thread's stack every few
 * milliseconds and prints the most frequent stacks, to see where the JavaFX thread or the
 * renderer spends its time. Off unless {@code -Draft.frametimes.sample=fx|renderer}.
 */
final class StackSampler {

    private static final int DEPTH = 12;
    private static final int SHOWN = 12;
    private static final int SAMPLE_MILLIS = 3;

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "stack-sampler"));
    private final Thread target;
    private final long endNanos;

    private StackSampler(Thread target, long endNanos) {
        this.target = target;
        this.endNanos = endNanos;
    }

    /** Takes a sample every few milliseconds until the end time; nothing if there is no target. */
    private void start() {
        if (target == null) {
            sampler.shutdown();
            return;
        }
        sampler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= endNanos) {
                sampler.shutdown();
            } else {
                counts.merge(key(target.getStackTrace()), 1, Integer::sum);
            }
        }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    static StackSampler fromProperty(long endNanos) {
        String which = System.getProperty("raft.frametimes.sample", "");
        Thread target = null;
        if (which.equals("fx")) {
            target = Fx.get(Thread::currentThread);
        } else if (which.equals("renderer")) {
            target = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
        }
        StackSampler s = new StackSampler(target, endNanos);
        s.start();
        return s;
    }

    void finish() throws InterruptedException {
        long left = Math.max(0, endNanos - System.nanoTime());
        sampler.awaitTermination(left + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        sampler.shutdownNow();
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(SHOWN)
                .forEach(e -> System.out.println(e.getValue() + " samples: " + e.getKey()));
    }

    private static String key(StackTraceElement[] stack) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < Math.min(DEPTH, stack.length); i++) {
            String cls = stack[i].getClassName();
            key.append(i == 0 ? "" : " < ").append(cls.substring(cls.lastIndexOf('.') + 1))
                    .append('.').append(stack[i].getMethodName());
        }
        return key.toString();
    }
}
