package org.raftteller.node;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;

import org.raftteller.node.peer.PeerCodec;
import org.raftteller.node.peer.PeerFrame;
import org.raftteller.node.peer.PeerProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's links to its peers over TCP. Each node listens on its peer port for frames and keeps
 * one outgoing connection to every other node, so each direction of a pair has its own
 * connection and no one has to decide who dials whom.
 *
 * <p>Raft tolerates lost messages, so a frame for a peer that is not connected is dropped, not
 * queued: the leader's next heartbeat or retry repairs what was lost. Connections that fail are
 * dialled again with backoff. A connection that sends garbage, a frame of another cluster or one
 * not meant for this node is logged once and closed; nothing else is disturbed.
 *
 * <p>Everything here runs on the node's event loop.
 */
final class PeerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);
    private static final int MIN_BACKOFF_MILLIS = 50;
    private static final int MAX_BACKOFF_MILLIS = 1_000;

    private final int id;
    private final long clusterHash;
    private final EventLoop loop;
    private final Consumer<PeerFrame> inbound;
    /** Every node of the cluster, known from the start so early dialers are not refused. */
    private final Set<Integer> members;
    private final ChannelGroup sockets;
    private final Map<Integer, InetSocketAddress> peers = new HashMap<>();
    private final Map<Integer, Channel> outbound = new HashMap<>();
    private final Map<Integer, Integer> backoff = new HashMap<>();
    private final Set<Channel> unflushed = new HashSet<>();
    /** Connections peers opened to this node, so that close can drop them all. */
    private final Set<Channel> accepted = new HashSet<>();
    private final Bootstrap dialer;
    private Channel server;
    private boolean closed;

    /** @param sockets where the listening socket and every connection are registered */
    PeerTransport(int id, Set<Integer> members, String clusterId, EventLoop loop,
                  Consumer<PeerFrame> inbound, ChannelGroup sockets) {
        this.id = id;
        this.sockets = sockets;
        this.members = Set.copyOf(members);
        this.clusterHash = PeerCodec.clusterHash(clusterId);
        this.loop = loop;
        this.inbound = inbound;
        this.dialer = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(8 << 20, 32 << 20))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        sockets.add(ch);
                        ch.pipeline().addLast(PeerCodec.newFramePrepender(), new OutboundErrors());
                    }
                });
    }

    /** Listens for peers; returns the address actually bound (its port may have been 0). */
    InetSocketAddress bind(InetSocketAddress address) throws InterruptedException {
        server = Listener.bind(id, "peers", loop, address, sockets, ch ->
                ch.pipeline().addLast(PeerCodec.newFrameDecoder(), new InboundHandler()));
        return (InetSocketAddress) server.localAddress();
    }

    /** Sets where the other nodes listen and starts dialling them. */
    void connect(Map<Integer, InetSocketAddress> addresses) {
        addresses.forEach((peer, address) -> {
            if (peer != id) {
                peers.put(peer, address);
                dial(peer);
            }
        });
    }

    /** Writes a frame to its destination if connected; returns a reason when it was dropped. */
    String send(PeerFrame frame) {
        Channel ch = outbound.get(frame.to());
        if (ch == null || !ch.isActive()) {
            return "node " + frame.to() + " is not connected";
        }
        if (!ch.isWritable()) {
            return "the link to node " + frame.to() + " is congested";
        }
        ByteBuf buf = ch.alloc().buffer();
        PeerCodec.encode(frame, buf);
        ch.write(buf, ch.voidPromise());
        unflushed.add(ch);
        return null;
    }

    /** Flushes every connection written to since the last flush: one syscall per peer per batch. */
    void flush() {
        for (Channel ch : unflushed) {
            ch.flush();
        }
        unflushed.clear();
    }

    long clusterHash() {
        return clusterHash;
    }

    /** Stops listening and drops every connection, in both directions. */
    void close() {
        closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        // Copied and cleared first: closing runs the channels' close listeners at once, and
        // those change these collections.
        List<Channel> all = new ArrayList<>(outbound.values());
        all.addAll(accepted);
        outbound.clear();
        accepted.clear();
        all.forEach(Channel::close);
    }

    private void dial(int peer) {
        if (closed) {
            return;
        }
        dialer.connect(peers.get(peer)).addListener((ChannelFuture f) -> {
            if (closed) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                redial(peer);
                return;
            }
            backoff.remove(peer);
            Channel ch = f.channel();
            outbound.put(peer, ch);
            ch.closeFuture().addListener(done -> {
                if (outbound.get(peer) == ch) {
                    outbound.remove(peer);
                    redial(peer);
                }
            });
        });
    }

    private void redial(int peer) {
        if (closed) {
            return;
        }
        int delay = backoff.merge(peer, MIN_BACKOFF_MILLIS, (old, min) -> Math.min(old * 2, MAX_BACKOFF_MILLIS));
        loop.schedule(() -> dial(peer), delay, TimeUnit.MILLISECONDS);
    }

    /** A peer that goes away resets our connection to it; that is routine, not an error. */
    private final class OutboundErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("node {}: connection to {} failed: {}", id, ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg); // peers never write on our outgoing connections
        }
    }

    /** Decodes frames from one incoming connection and refuses anything that is not ours. */
    private final class InboundHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (closed) {
                ctx.close();
                return;
            }
            accepted.add(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            accepted.remove(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf buf) {
            PeerFrame frame;
            try {
                frame = PeerCodec.decode(buf);
            } catch (PeerProtocolException e) {
                refuse(ctx, e.getMessage());
                return;
            }
            if (frame.clusterHash() != clusterHash) {
                refuse(ctx, "the frame belongs to another cluster");
            } else if (frame.to() != id) {
                refuse(ctx, "the frame is addressed to node " + frame.to() + ", not to this one");
            } else if (frame.from() == id || !members.contains(frame.from())) {
                refuse(ctx, "node " + frame.from() + " is not a peer of this cluster");
            } else {
                inbound.accept(frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                refuse(ctx, "a frame exceeds " + PeerCodec.MAX_FRAME_BYTES + " bytes");
            } else {
                LOG.debug("node {}: peer connection from {} failed: {}", id,
                        ctx.channel().remoteAddress(), cause.toString());
                ctx.close();
            }
        }

        private void refuse(ChannelHandlerContext ctx, String why) {
            if (ctx.channel().isActive()) {
                LOG.warn("node {}: closing the peer connection from {}: {}", id,
                        ctx.channel().remoteAddress(), why);
                ctx.close();
            }
        }
    }
}
