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
