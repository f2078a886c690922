package org.raftteller.node;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import org.raftteller.node.client.BadRequest;
import org.raftteller.node.client.ClientRequest;
import org.raftteller.node.client.ClientRequestParser;
import org.raftteller.node.client.ClientResponse;
import org.raftteller.node.client.ErrorCode;
import org.raftteller.node.client.Op;
import org.raftteller.node.client.OperationResult;
import org.raftteller.node.client.NodeStatus;
import org.raftteller.node.client.ParsedRequest;
import org.raftteller.raft.RaftStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-lines client port: one request object per line, answered by id, pipelining allowed.
 * Bad input is answered with {@code bad_request} and changes nothing; the connection stays open.
 */
final class ClientServer {

    private static final Logger LOG = LoggerFactory.getLogger(ClientServer.class);
    /** More connections than this are refused, so a runaway client cannot exhaust the node. */
    static final int MAX_CONNECTIONS = 1_024;

    private final RaftServer node;
    private final EventLoop loop;
    private final ChannelGroup sockets;
    private Channel server;
    private int connections;
    /** Open client connections, so that close can drop them. */
    private final Set<Channel> clients = new HashSet<>();
    private boolean closed;

    /** @param sockets where the listening socket and every connection are registered */
    ClientServer(RaftServer node, EventLoop loop, ChannelGroup sockets) {
        this.node = node;
        this.loop = loop;
        this.sockets = sockets;
    }

    InetSocketAddress bind(InetSocketAddress address) throws InterruptedException {
        server = Listener.bind(node.id(), "clients", loop, address, sockets, ch ->
                ch.pipeline().addLast(
                        new LineBasedFrameDecoder(ClientRequestParser.MAX_LINE_BYTES, true, false),
                        new RequestHandler()));
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops listening and drops every client connection, after what was written to it. */
    void close() {
        closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        List.copyOf(clients).forEach(Channel::close);
        clients.clear();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (closed) {
                ctx.close();
                return;
            }
            clients.add(ctx.channel());
            connections++;
            if (connections > MAX_CONNECTIONS) {
                String line = ClientResponse.format(null, OperationResult.failure(
                        ErrorCode.UNAVAILABLE, "node " + node.id() + " already serves "
                                + MAX_CONNECTIONS + " connections"), node.id());
                ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(bytes(line)))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (clients.remove(ctx.channel())) {
                connections--;
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf buf) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(buf.nioBuffer()).toString();
            } catch (CharacterCodingException e) {
                reply(ctx, ClientResponse.format(new BadRequest(null, "the line is not valid UTF-8"),
                        node.id()));
                return;
            }
            ParsedRequest parsed = ClientRequestParser.parse(text);
            if (parsed instanceof BadRequest bad) {
                reply(ctx, ClientResponse.format(bad, node.id()));
                return;
            }
            ClientRequest request = (ClientRequest) parsed;
            if (request.op() == Op.STATUS) {
                reply(ctx, status(request));
                return;
            }
            node.operationsExecute(request, result ->
                    reply(ctx, ClientResponse.format(request.id(), result, node.id())));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                reply(ctx, ClientResponse.format(ClientRequestParser.LINE_TOO_LONG, node.id()));
                return;
            }
            LOG.debug("node {}: client connection {} failed: {}", node.id(),
                    ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        private String status(ClientRequest request) {
            NodeState state = node.freshState();
            RaftStatus s = state.raft();
            return ClientResponse.formatStatus(request.id(), new NodeStatus(node.id(), s.role(),
                    s.term(), s.leader(), s.commitIndex(), s.lastLogIndex(), state.lastApplied(),
                    state.balance()));
        }

        private void reply(ChannelHandlerContext ctx, String line) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(bytes(line)), ctx.voidPromise());
            }
        }
    }

    private static ByteBuffer bytes(String line) {
        return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
