package org.raftteller.node.peer;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A peer frame that breaks the protocol: wrong magic or version, a truncated or absurd field, or
 * a message that no correct Raft server could have sent. The message is one sentence naming what
 * was wrong, fit for a warning such as "node 3: dropped a frame from 127.0.0.1:7101: ...".
 *
 * <p>It is a {@link CorruptedFrameException} so that a Netty decoder that calls
 * {@link PeerCodec#decode} passes it to {@code exceptionCaught} as it is, instead of wrapping it
 * in a generic DecoderException.
 */
public final class PeerProtocolException extends CorruptedFrameException {

    public PeerProtocolException(String message) {
        super(message);
    }
}
