package org.raftteller.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code raft-teller} command line. The subcommands {@code node}, {@code cluster},
 * {@code client} and {@code bench} (see DESIGN.md) are registered here as they are built.
 */
@Command(
        name = "raft-teller",
        mixinStandardHelpOptions = true,
        versionProvider = RaftTellerCommand.ManifestVersion.class,
        description = {
            "Five Raft nodes on localhost replicating one bank account, shown live.",
            "Run with no arguments to open the Raft Teller window."
        },
        subcommands = {NodeCommand.class, ClusterCommand.class, ClientCommand.class,
            BenchCommand.class})
public final class RaftTellerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Parses {@code args}, runs what they name and returns the process exit code. */
    public static int execute(String... args) {
        return new CommandLine(new RaftTellerCommand()).execute(args);
    }

    /** Reached only without a subcommand, which is the GUI's case; {@link Main} handles it. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version from the jar manifest, when the build recorded one. */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RaftTellerCommand.class.getPackage().getImplementationVersion();
            if (version == null) {
                version = "(version not recorded in this build)";
            }
            return new String[] {"raft-teller " + version};
        }
    }
}
