package org.raftteller.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.raftteller.bank.Money;
import org.raftteller.cluster.ClusterEvent;
import org.raftteller.cluster.LocalCluster;
import org.raftteller.cluster.NodeView;
import org.raftteller.cluster.Tempo;
import org.raftteller.raft.RaftEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code raft-teller cluster}: a whole cluster in one process, headless, driven from stdin.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Runs a cluster of local nodes in this process, headless.",
            "Reads commands from stdin: kill N, revive N, status, quit.",
            "Node i listens for peers on base+i and for clients on base+100+i."})
final class ClusterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5", description = "how many nodes (default: ${DEFAULT-VALUE})")
    private int nodes;

    @Option(names = "--base-port", defaultValue = "7100",
            description = "node i uses base+i and base+100+i (default: ${DEFAULT-VALUE})")
    private int basePort;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data directory, one folder per node (default: a temporary one)")
    private Path data;

    @Option(names = "--tempo", defaultValue = "Real",
            description = "Real, Classroom or Slow-motion (default: ${DEFAULT-VALUE})")
    private String tempo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalCluster.Options options;
        try {
            options = LocalCluster.Options.defaults().withSize(nodes).withBasePort(basePort)
                    .withDataDir(data).withTempo(parseTempo());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (LocalCluster cluster = LocalCluster.start(options, event -> report(out, event))) {
            out.printf("cluster: %d nodes; clients on %s:%d-%d; type kill N, revive N, status or quit%n",
                    nodes, options.host(), basePort + 101, basePort + 100 + nodes);
            out.flush();
            readCommands(cluster, out);
        }
        return 0;
    }

    private Tempo parseTempo() {
        for (Tempo t : Tempo.values()) {
            if (t.label().replace(" ", "-").equalsIgnoreCase(tempo.replace(" ", "-"))
                    || t.name().equalsIgnoreCase(tempo.replace("-", "_"))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tempo \"" + tempo
                + "\"; choose Real, Classroom or Slow-motion");
    }

    private static void report(PrintWriter out, ClusterEvent event) {
        if (event instanceof ClusterEvent.RaftEvents re) {
            for (RaftEvent e : re.events()) {
                if (e instanceof RaftEvent.BecameLeader b) {
                    synchronized (out) {
                        out.printf("leader: node %d for term %d (votes from %s)%n", re.node(),
                                b.term(), b.voters());
                        out.flush();
                    }
                }
            }
        }
    }

    private void readCommands(LocalCluster cluster, PrintWriter out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            String verb = words[0].toLowerCase(java.util.Locale.ROOT);
            try {
                switch (verb) {
                    case "" -> { }
                    case "quit", "exit" -> {
                        return;
                    }
                    case "status" -> printStatus(cluster, out);
                    case "kill", "revive" -> {
                        int id = nodeId(cluster, words);
                        if (verb.equals("kill")) {
                            cluster.crash(id);
                            say(out, "node " + id + " killed");
                        } else {
                            cluster.revive(id);
                            say(out, "node " + id + " revived");
                        }
                    }
                    default -> say(out, "unknown command \"" + line.trim()
                            + "\"; use kill N, revive N, status or quit");
                }
            } catch (IllegalArgumentException e) {
                say(out, e.getMessage());
            } catch (RuntimeException e) {
                say(out, "failed: " + e.getMessage());
            }
        }
        if (System.console() == null) {
            // Stdin is not a terminal (a script or /dev/null): run until the process is stopped.
            new CountDownLatch(1).await();
        }
    }

    private static int nodeId(LocalCluster cluster, String[] words) {
        if (words.length != 2) {
            throw new IllegalArgumentException("say which node, like \"" + words[0] + " 3\"");
        }
        try {
            int id = Integer.parseInt(words[1]);
            if (!cluster.ids().contains(id)) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("there is no node \"" + words[1] + "\"; nodes are "
                    + cluster.ids());
        }
    }

    private static void printStatus(LocalCluster cluster, PrintWriter out) {
        synchronized (out) {
            out.println("node  state     role           term  leader  commit  applied  balance");
            for (int id : cluster.ids()) {
                NodeView v = cluster.view(id);
                if (!v.up()) {
                    out.printf("%4d  crashed%n", id);
                    continue;
                }
                out.printf("%4d  %-8s  %-13s  %4d  %6s  %6d  %7d  %s%n", id,
                        v.paused() ? "paused" : "up", v.raft().role().word(), v.raft().term(),
                        v.raft().leader() == 0 ? "-" : String.valueOf(v.raft().leader()),
                        v.raft().commitIndex(), v.lastApplied(), Money.format(v.balance()));
            }
            out.flush();
        }
    }

    private static void say(PrintWriter out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
