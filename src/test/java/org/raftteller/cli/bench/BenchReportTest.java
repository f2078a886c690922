package org.raftteller.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchReport sample() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("cluster", "5 nodes");
        settings.put("warmup_s", 3.0);
        settings.put("quick", false);
        return new BenchReport(312.46, new BenchReport.Failover(210.04, 290.0, 10),
                List.of(new LoadResult(1, true, 231.4, 4.314, 6.02, 0),
                        new LoadResult(256, false, 91_234.6, 2.5, Double.NaN, 3)),
                List.of(new LoadResult(16, true, 3_000, 5.1, 9.9, 0)),
                377, settings);
    }

    @Test
    void jsonHasExactlyTheKeysOfTheIssue() {
        JsonObject json = JsonParser.parseString(sample().toJson()).getAsJsonObject();

        assertThat(json.keySet()).containsExactly("first_leader_ms", "failover_ms",
                "leader_direct", "client_tcp", "peak_rss_mib", "settings");
        assertThat(json.getAsJsonObject("failover_ms").keySet())
                .containsExactly("p50", "max", "runs");
        for (JsonElement e : json.getAsJsonArray("leader_direct")) {
            assertThat(e.getAsJsonObject().keySet()).isEqualTo(
                    Set.of("in_flight", "fsync", "ops_per_s", "p50_ms", "p99_ms"));
        }
        for (JsonElement e : json.getAsJsonArray("client_tcp")) {
            assertThat(e.getAsJsonObject().keySet()).isEqualTo(
                    Set.of("clients", "fsync", "ops_per_s", "p50_ms", "p99_ms"));
        }
    }

    @Test
    void jsonCarriesTheFiguresRoundedAndTyped() {
        JsonObject json = JsonParser.parseString(sample().toJson()).getAsJsonObject();

        assertThat(json.get("first_leader_ms").getAsDouble()).isEqualTo(312.5);
        assertThat(json.getAsJsonObject("failover_ms").get("p50").getAsDouble()).isEqualTo(210.0);
        assertThat(json.getAsJsonObject("failover_ms").get("runs").getAsInt()).isEqualTo(10);
        JsonArray direct = json.getAsJsonArray("leader_direct");
        JsonObject first = direct.get(0).getAsJsonObject();
        assertThat(first.get("in_flight").getAsInt()).isEqualTo(1);
        assertThat(first.get("fsync").getAsBoolean()).isTrue();
        assertThat(first.get("ops_per_s").getAsLong()).isEqualTo(231);
        assertThat(first.get("p50_ms").getAsDouble()).isEqualTo(4.31);
        assertThat(direct.get(1).getAsJsonObject().get("p99_ms").isJsonNull()).isTrue();
        assertThat(json.get("peak_rss_mib").getAsLong()).isEqualTo(377);
        assertThat(json.getAsJsonObject("settings").get("quick").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonObject("settings").get("warmup_s").getAsDouble()).isEqualTo(3.0);
    }

    @Test
    void theTableShowsEveryFigureAndTheSettingsAboveIt() {
        String table = sample().toTable();

        assertThat(table).contains("warmup s: 3.0")
                .contains("time to the first leader")
                .contains("leader crash to new leader (10 crashes)")
                .contains("leader-direct, 1 in flight")
                .contains("leader-direct, 256 in flight")
                .contains("91,235")
                .contains("client TCP, 16 clients")
                .contains("peak RSS of the JVM (MiB)")
                .contains("377");
        assertThat(table.indexOf("warmup s")).isLessThan(table.indexOf("time to the first leader"));
    }
}
