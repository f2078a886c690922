package org.raftteller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.raftteller.node.client.ClientLine;
import org.raftteller.node.client.ClientRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code raft-teller client}: sends one operation to a node's client port and prints the answer.
 * Exits 0 only when the operation succeeded.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Sends one operation to a node and prints its JSON answer.",
            "Operations: credit AMOUNT | debit AMOUNT | balance | status (amounts as money: 12.50).",
            "Exits 0 on success, 1 when the node answered with an error, 2 on bad usage, "
                    + "3 when the node could not be reached."},
        footer = {"", "Example: raft-teller client --node 127.0.0.1:7202 credit 12.50"})
final class ClientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "HOST:PORT",
            description = "the node's client address")
    private String node;

    @Option(names = "--client", description = "client id for exactly-once retries (with --seq)")
    private String client;

    @Option(names = "--seq", description = "sequence number for exactly-once retries (with --client)")
    private Long seq;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "how long to wait for the answer (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Parameters(arity = "1..2", paramLabel = "OPERATION",
            description = "credit AMOUNT, debit AMOUNT, balance or status")
    private List<String> operation;

    @Override
    public Integer call() {
        ClientRequest request;
        try {
            request = ClientLine.fromArguments(operation).withId(ClientLine.id(1));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if ((client == null) != (seq == null)) {
            throw new ParameterException(spec.commandLine(), "--client and --seq go together");
        }
        if (client != null) {
            try {
                request = request.withSession(client, seq);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        InetSocketAddress address = parseAddress();

        String answer;
        try (Socket socket = new Socket()) {
            socket.connect(address, 3_000);
            socket.setSoTimeout(timeoutSeconds * 1_000);
            OutputStream out = socket.getOutputStream();
            out.write((request.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            answer = in.readLine();
        } catch (SocketTimeoutException e) {
            spec.commandLine().getErr().println("raft-teller client: no answer from " + node
                    + " within " + timeoutSeconds + " s");
            return 3;
        } catch (IOException e) {
            spec.commandLine().getErr().println("raft-teller client: cannot reach " + node + ": "
                    + e.getMessage());
            return 3;
        }
        if (answer == null) {
            spec.commandLine().getErr().println("raft-teller client: " + node
                    + " closed the connection without answering");
            return 3;
        }
        spec.commandLine().getOut().println(answer);
        spec.commandLine().getOut().flush();
        return ClientLine.read(answer).ok() ? 0 : 1;
    }

    private InetSocketAddress parseAddress() {
        int colon = node.lastIndexOf(':');
        try {
            if (colon < 1) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(node.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(node.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--node must be HOST:PORT, like "
                    + "127.0.0.1:7202, not \"" + node + "\"");
        }
    }
}
