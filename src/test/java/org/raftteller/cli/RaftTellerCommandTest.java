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
        // With subcommands registered, picocli names the unknown word and suggests the nearest
        // command instead of printing the whole usage.
        int exitCode = run("frobnicate");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument").contains("frobnicate");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"node", "cluster", "client"}) {
            out.getBuffer().setLength(0);

            int exitCode = run(command, "--help");

            assertThat(exitCode).isZero();
            assertThat(out.toString()).contains("Usage: raft-teller " + command);
        }
    }

    @Test
    void nodeRefusesAMalformedClusterList() {
        int exitCode = run("node", "--id", "1", "--cluster", "1=localhost", "--client-port", "7201",
                "--data", "/tmp/unused");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("\"1=localhost\" is not ID=HOST:PORT");
    }

    @Test
    void nodeRefusesAnIdOutsideItsCluster() {
        int exitCode = run("node", "--id", "9", "--cluster", "1=127.0.0.1:7101,2=127.0.0.1:7102",
                "--client-port", "7201", "--data", "/tmp/unused");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("node 9 is not in the cluster");
    }

    @Test
    void nodeRefusesAnElectionTimeoutThatIsNotARange() {
        int exitCode = run("node", "--id", "1", "--cluster", "1=127.0.0.1:7101",
                "--client-port", "7201", "--data", "/tmp/unused", "--election-timeout", "fast");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--election-timeout must be a range");
    }

    @Test
    void clientRefusesAmountsThatAreNotMoney() {
        int exitCode = run("client", "--node", "127.0.0.1:7201", "credit", "12.345");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("more than two decimal places");
    }

    @Test
    void clientNeedsAnAmountForACredit() {
        int exitCode = run("client", "--node", "127.0.0.1:7201", "credit");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("credit needs an amount");
    }

    @Test
    void clientReportsAnUnreachableNodeWithItsOwnExitCode() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int exitCode = run("client", "--node", "127.0.0.1:" + port, "balance");

        assertThat(exitCode).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach 127.0.0.1:" + port);
    }
}
