package org.raftteller.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Every figure of one run, and the two ways to print them: one table for people, one JSON object
 * for tools that compare runs.
 *
 * @param settings what the run was, in the order to print it; values are numbers, booleans or
 *                 strings
 */
public record BenchReport(double firstLeaderMillis, Failover failover,
                          List<LoadResult> leaderDirect, List<LoadResult> clientTcp,
                          long peakRssMib, Map<String, Object> settings) {

    /** Leader crash to new leader, over {@code runs} crashes. */
    public record Failover(double p50Millis, double maxMillis, int runs) {
    }

    public BenchReport {
        leaderDirect = List.copyOf(leaderDirect);
        clientTcp = List.copyOf(clientTcp);
        settings = new LinkedHashMap<>(settings);
    }

    /** The figures as one JSON object, with the keys issue 3 names. */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.add("first_leader_ms", number(firstLeaderMillis, 1));
        JsonObject fo = new JsonObject();
        fo.add("p50", number(failover.p50Millis(), 1));
        fo.add("max", number(failover.maxMillis(), 1));
        fo.addProperty("runs", failover.runs());
        root.add("failover_ms", fo);
        root.add("leader_direct", loads(leaderDirect, "in_flight"));
        root.add("client_tcp", loads(clientTcp, "clients"));
        root.addProperty("peak_rss_mib", peakRssMib);
        JsonObject s = new JsonObject();
        settings.forEach((key, value) -> s.add(key, value(value)));
        root.add("settings", s);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root);
    }

    private static JsonArray loads(List<LoadResult> results, String loadKey) {
        JsonArray array = new JsonArray();
        for (LoadResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty(loadKey, r.load());
            o.addProperty("fsync", r.fsync());
            o.add("ops_per_s", number(r.opsPerSecond(), 0));
            o.add("p50_ms", number(r.p50Millis(), 2));
            o.add("p99_ms", number(r.p99Millis(), 2));
            array.add(o);
        }
        return array;
    }

    /** A figure rounded to {@code decimals}; null when it could not be measured. */
    private static JsonElement number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return JsonNull.INSTANCE;
        }
        if (decimals == 0) {
            return new JsonPrimitive(Math.round(value));
        }
        double scale = Math.pow(10, decimals);
        return new JsonPrimitive(Math.round(value * scale) / scale);
    }

    private static JsonElement value(Object value) {
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value.toString());
    }

    /** The figures as one table, its settings above it. */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "fsync", "ops/s", "p50 ms", "p99 ms", "failed"});
        rows.add(new String[] {"time to the first leader (from all listening)", "on", "",
            fixed(firstLeaderMillis, 0), "", ""});
        rows.add(new String[] {"leader crash to new leader (" + failover.runs() + " crashes)",
            "on", "", fixed(failover.p50Millis(), 0),
            fixed(failover.maxMillis(), 0) + " max", ""});
        for (LoadResult r : leaderDirect) {
            rows.add(loadRow("leader-direct, " + r.load() + " in flight", r));
        }
        for (LoadResult r : clientTcp) {
            rows.add(loadRow("client TCP, " + r.load() + " clients", r));
        }
        rows.add(new String[] {"peak RSS of the JVM (MiB)", "", "",
            peakRssMib < 0 ? "unknown" : String.valueOf(peakRssMib), "", ""});

        StringBuilder out = new StringBuilder();
        out.append("Raft Teller bench: ").append(settings.getOrDefault("cluster", "")).append('\n');
        settings.forEach((key, value) -> {
            if (!key.equals("cluster")) {
                out.append("  ").append(key.replace('_', ' ')).append(": ").append(value)
                        .append('\n');
            }
        });
        out.append('\n');
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? pad(row[i], widths[i]) : padLeft(row[i], widths[i]);
                line.append(i == 0 ? "" : "  ").append(i == 1 ? pad(row[i], widths[i]) : cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
        return out.toString();
    }

    private static String[] loadRow(String name, LoadResult r) {
        return new String[] {name, r.fsync() ? "on" : "off",
            String.format(Locale.ROOT, "%,d", Math.round(r.opsPerSecond())),
            fixed(r.p50Millis(), 2), fixed(r.p99Millis(), 2), String.valueOf(r.failed())};
    }

    private static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
