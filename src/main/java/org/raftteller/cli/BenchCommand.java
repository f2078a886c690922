package org.raftteller.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.raftteller.cli.bench.BenchReport;
import org.raftteller.cli.bench.BenchSettings;
import org.raftteller.cli.bench.Benchmark;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raft-teller bench}: the benchmark of issue 3. Progress goes to stderr, the one table
 * (or JSON object) to stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Benchmarks five nodes in this JVM on 127.0.0.1 at the Real preset, with durable "
                    + "storage in a temporary directory, and prints one table:",
            "  time to the first leader; leader crash to new leader over repeated crashes "
                    + "(p50, max);",
            "  committed credits per second with 1, 16 and 256 in flight handed straight to "
                    + "the leader, and with 16 and 256 clients over TCP, fsync on and off, each "
                    + "with p50 and p99 latency;",
            "  peak memory (RSS) of the JVM.",
            "Fsync off runs on a second cluster and is unsafe: it is for comparison only.",
            "The defaults (3 s warm-up, 10 s measured per level, 10 crashes) take about "
                    + "2.5 minutes."},
        footer = {"", "Examples:", "  raft-teller bench", "  raft-teller bench --quick --json"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "load before each measured window (default: "
                    + BenchSettings.DEFAULT_WARMUP + ", --quick: " + BenchSettings.QUICK_WARMUP
                    + ")")
    private Double warmup;

    @Option(names = "--measure", paramLabel = "SECONDS",
            description = "measured window per load level (default: "
                    + BenchSettings.DEFAULT_MEASURE + ", --quick: " + BenchSettings.QUICK_MEASURE
                    + ")")
    private Double measure;

    @Option(names = "--crashes", paramLabel = "N",
            description = "leader crashes to time (default: " + BenchSettings.DEFAULT_CRASHES
                    + ", --quick: " + BenchSettings.QUICK_CRASHES + ")")
    private Integer crashes;

    @Option(names = "--quick", description = "a smoke run: 1 s warm-up, 2 s measured, 3 crashes")
    private boolean quick;

    @Option(names = "--spread",
            description = "spread the TCP clients over all five nodes (followers forward to the "
                    + "leader) instead of connecting them all to the leader")
    private boolean spread;

    @Option(names = "--json", description = "print the figures as one JSON object instead of "
            + "the table")
    private boolean json;

    @Option(names = "--verbose", description = "let the nodes log as they normally do")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.of(quick, warmup, measure, crashes, spread);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!verbose) {
            quietNodes();
        }
        BenchReport report = new Benchmark(settings, spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.toJson() : report.toTable());
        out.flush();
        return 0;
    }

    /** The nodes' role changes and crashes would bury the progress lines; warnings still show. */
    private static void quietNodes() {
        if (LoggerFactory.getLogger("org.raftteller") instanceof Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }
}
