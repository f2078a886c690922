package org.raftteller.cli.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Clients of the JSON-lines protocol over real TCP connections, each with exactly one request in
 * flight: a credit of one cent with its own exactly-once identity ({@code client} and a rising
 * {@code seq}), sent again as soon as the answer line arrives. All connections share one Netty
 * event loop thread, so the clients cost the two-core machine one thread, not hundreds.
 */
final class TcpClientLoad implements LoadGenerator {

    private static final ByteBuf OK = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
            "\"ok\":true".getBytes(StandardCharsets.US_ASCII)));
    private static final int MAX_LINE = 64 * 1024;

    private final Measurement measurement;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();

    TcpClientLoad(Measurement measurement) {
        this.measurement = measurement;
    }

    /**
     * Connects {@code clients} clients, client i to {@code targets.get(i % targets.size())}, and
     * starts each one's first request.
     *
     * @param names what the clients call themselves: {@code names + "-" + i}, unique per level
     */
    void start(List<InetSocketAddress> targets, int clients, String names)
            throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000);
        List<ChannelFuture> connecting = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String name = names + "-" + i;
            connecting.add(bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE),
                            new Client(name));
                }
            }).connect(targets.get(i % targets.size())));
        }
        for (ChannelFuture f : connecting) {
            f.await();
            if (!f.isSuccess()) {
                throw new IllegalStateException("a bench client could not connect: "
                        + f.cause().getMessage(), f.cause());
            }
            channels.add(f.channel());
        }
        outstanding.set(clients);
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> ch.pipeline().get(Client.class).send(ch));
        }
    }

    /** Waits until every client has seen the stop and has its last answer. */
    @Override
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** The request line a client sends, with its newline. */
    static String requestLine(String client, long seq) {
        return "{\"id\":" + seq + ",\"op\":\"credit\",\"amount\":1,\"client\":\"" + client
                + "\",\"seq\":" + seq + "}\n";
    }

    /** One client: one request in flight, the next sent when its answer arrives. */
    private final class Client extends SimpleChannelInboundHandler<ByteBuf> {
        private final String name;
        private long seq;
        private long sentNanos;

        Client(String name) {
            this.name = name;
        }

        void send(Channel ch) {
            if (!measurement.running()) {
                outstanding.decrementAndGet();
                return;
            }
            seq++;
            byte[] line = requestLine(name, seq).getBytes(StandardCharsets.US_ASCII);
            sentNanos = System.nanoTime();
            ch.writeAndFlush(ch.alloc().buffer(line.length).writeBytes(line), ch.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            boolean ok = ByteBufUtil.indexOf(OK, line) >= 0;
            measurement.completed(sentNanos, ok, ok ? null
                    : line.toString(StandardCharsets.UTF_8));
            send(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (measurement.running()) {
                measurement.completed(sentNanos, false, "the node closed a client connection");
                outstanding.decrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
