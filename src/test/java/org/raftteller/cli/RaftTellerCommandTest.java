package org.raftteller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RaftTellerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new RaftTellerCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: raft-teller");
    }

    @Test
    void unknownWordIsRejectedWithAClearErrorAndANonZeroExit() {
        int exitCode = run("frobnicate");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("frobnicate").contains("Usage: raft-teller");
    }
}
