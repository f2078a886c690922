package org.raftteller.node;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Opens one of a node's listening ports: every socket joins the node's group of sockets. */
final class Listener {

    private Listener() {
    }

    /**
     * Listens on {@code address} on the node's loop; each accepted connection is registered in
     * {@code sockets} and given its pipeline by {@code pipeline}.
     *
     * @param what what the port is for, for the error: "peers" or "clients"
     * @throws NodeStartException if the port cannot be bound
     */
    static Channel bind(int node, String what, EventLoop loop, InetSocketAddress address,
                        ChannelGroup sockets, Consumer<SocketChannel> pipeline)
            throws InterruptedException {
        ChannelFuture bound = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        sockets.add(ch);
                        pipeline.accept(ch);
                    }
                })
                .bind(address)
                .await();
        if (!bound.isSuccess()) {
            throw new NodeStartException("node " + node + " could not listen for " + what + " on "
                    + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        sockets.add(bound.channel());
        return bound.channel();
    }
}
