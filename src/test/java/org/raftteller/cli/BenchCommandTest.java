package org.raftteller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The bench as a command. A benchmark is not a timed test: nothing here asserts a figure, only
 * that a short run produces every figure in the promised shape.
 */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new RaftTellerCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void helpDescribesTheBenchAndItsOptions() {
        int exitCode = run("bench", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: raft-teller bench")
                .contains("--quick").contains("--json").contains("--warmup")
                .contains("--measure").contains("--crashes");
    }

    @Test
    void badSettingsAreAUsageError() {
        int exitCode = run("bench", "--measure", "0");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("measured window");
    }

    @Test
    void aShortQuickRunPrintsEveryFigureAsOneJsonObject() {
        int exitCode = run("bench", "--quick", "--json", "--warmup", "0.1", "--measure", "0.3",
                "--crashes", "1");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("first_leader_ms", "failover_ms",
                "leader_direct", "client_tcp", "peak_rss_mib", "settings");
        assertThat(json.getAsJsonObject("failover_ms").get("runs").getAsInt()).isEqualTo(1);
        assertThat(json.getAsJsonArray("leader_direct")).hasSize(6);
        assertThat(json.getAsJsonArray("client_tcp")).hasSize(4);
        for (JsonElement e : json.getAsJsonArray("leader_direct")) {
            assertThat(e.getAsJsonObject().get("in_flight").getAsInt()).isIn(1, 16, 256);
        }
        assertThat(json.get("peak_rss_mib").getAsLong()).isPositive();
        assertThat(err.toString()).contains("first leader").contains("crash 1 of 1");
    }
}
