package org.raftteller.node;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A client of the JSON-lines protocol over a real TCP socket, as a program outside the node
 * would be: it writes bytes and reads lines, and knows nothing of the node's classes. Requests
 * may be pipelined (send several, then read). Every read has a timeout, so a node that never
 * answers fails the test instead of hanging it.
 */
final class LineClient implements AutoCloseable {

    /** Longer than a node's own request deadline (2 s at the Real preset), so it always answers. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Errors after which DESIGN.md lets a client send the same request again: it did not happen,
     * or its outcome is unknown and a retry with the same client and seq learns it.
     */
    static final Set<String> UNDECIDED = Set.of("no_leader", "timeout", "unavailable");

    private final InetSocketAddress address;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private LineClient(InetSocketAddress address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    static LineClient connect(InetSocketAddress address) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.connect(address, (int) READ_TIMEOUT.toMillis());
            return new LineClient(address, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("could not connect to " + address, e);
        }
    }

    /** Sends one line; the {@code \n} is added. */
    LineClient send(String line) {
        return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes exactly as given, for input that is not valid text or not a whole line. */
    LineClient sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + address, e);
        }
    }

    /** The next line the node sent, without its {@code \n}. */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new AssertionError("node at " + address + " closed the connection"
                            + (line.size() > 0 ? " in the middle of a line" : ""));
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("node at " + address + " sent no line within "
                    + READ_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read from " + address, e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The next answer, as a JSON object. */
    JsonObject receive() {
        String line = readLine();
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError("node at " + address + " answered with a line that is not "
                    + "a JSON object: " + line, e);
        }
    }

    /** Sends one request and reads one answer. */
    JsonObject call(String line) {
        return send(line).receive();
    }

    /**
     * Sends a request until it is decided, as a client of DESIGN.md does: again after no_leader,
     * timeout or unavailable, which a leader change may cause at any time. Only for requests that
     * may be repeated: reads, and writes with a client and seq.
     */
    JsonObject callUntilDecided(String line) {
        boolean write = line.contains("\"op\":\"credit\"") || line.contains("\"op\":\"debit\"");
        if (write && !line.contains("\"client\"")) {
            throw new IllegalArgumentException("a write without client and seq may not be "
                    + "repeated: it could happen twice: " + line);
        }
        return FiveNodes.await().until(() -> call(line), LineClient::isDecided);
    }

    /**
     * Sends requests keeping at most {@code window} unanswered, and sends again those left
     * undecided until every one is decided; the same rules as {@link #callUntilDecided} apply.
     * Returns the answers by the requests' ids, which must be distinct.
     */
    Map<String, JsonObject> pipelineUntilDecided(Map<String, String> linesById, int window) {
        Map<String, JsonObject> decided = new HashMap<>();
        Map<String, String> pending = new LinkedHashMap<>(linesById);
        FiveNodes.await().until(() -> {
            Iterator<Map.Entry<String, String>> next = pending.entrySet().iterator();
            int unanswered = 0;
            while (next.hasNext() || unanswered > 0) {
                if (next.hasNext() && unanswered < window) {
                    send(next.next().getValue());
                    unanswered++;
                    continue;
                }
                JsonObject answer = receive();
                unanswered--;
                if (isDecided(answer)) {
                    String id = answer.get("id").getAsString();
                    decided.put(id, answer);
                }
            }
            pending.keySet().removeAll(decided.keySet());
            return pending.isEmpty();
        });
        return decided;
    }

    /** Whether an answer is final: a success, or an error that says what happened. */
    static boolean isDecided(JsonObject answer) {
        return answer.get("ok").getAsBoolean()
                || !UNDECIDED.contains(answer.get("error").getAsString());
    }

    /**
     * Whether the node closed this connection within the read timeout: end of stream or a reset.
     * Anything the node sends first is skipped.
     */
    boolean closedByNode() {
        try {
            byte[] skip = new byte[4096];
            while (in.read(skip) >= 0) {
                // Keep reading until the end of the stream.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the node: closed with our bytes unread
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a test's socket cannot fail in a way that matters.
        }
    }
}
