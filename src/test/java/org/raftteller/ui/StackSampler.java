package org.raftteller.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A poor man's profiler for the frame-time probe: samples one thread's stack every few
 * milliseconds and prints the most frequent stacks, to see where the JavaFX thread or the
 * renderer spends its time. Off unless {@code -Draft.frametimes.sample=fx|renderer}.
 */
final class StackSampler {

    private static final int DEPTH = 12;
    private static final int SHOWN = 12;

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Thread sampler;

    private StackSampler(Thread target, long endNanos) {
        sampler = new Thread(() -> {
            while (target != null && System.nanoTime() < endNanos) {
                counts.merge(key(target.getStackTrace()), 1, Integer::sum);
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stack-sampler");
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
        s.sampler.start();
        return s;
    }

    void finish() throws InterruptedException {
        sampler.join();
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
