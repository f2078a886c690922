package org.raftteller.node.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

import org.raftteller.node.peer.PeerPayload.ForwardRequest;
import org.raftteller.node.peer.PeerPayload.ForwardResponse;
import org.raftteller.node.peer.PeerPayload.RaftMessage;
import org.raftteller.raft.Entry;
import org.raftteller.raft.Message;
import org.raftteller.raft.Message.AppendRequest;
import org.raftteller.raft.Message.AppendResponse;
import org.raftteller.raft.Message.PreVoteRequest;
import org.raftteller.raft.Message.PreVoteResponse;
import org.raftteller.raft.Message.VoteRequest;
import org.raftteller.raft.Message.VoteResponse;

/**
 * The bytes of one {@link PeerFrame}: the payload of a frame on a TCP connection between two
 * nodes, which a 4-byte length prefix delimits ({@link #newFrameDecoder},
 * {@link #newFramePrepender}). Protocol version 1, big-endian. Every frame starts with this
 * header:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic 0x52544654, "RTFT"
 *      4     1  protocol version, 1
 *      5     8  cluster hash, see {@link #clusterHash}
 *     13     4  from, the sender's node id
 *     17     4  to, the addressee's node id
 *     21     8  trace id
 *     29     1  kind, which says what body follows
 * </pre>
 *
 * <p>Then the body of its kind, fields in this order (longs 8 bytes, ints 4, flags 1 byte that is
 * 0 or 1). A Raft message's from and to are the header's and are not repeated:
 *
 * <pre>
 * kind  payload          body
 *    1  PreVoteRequest   term, lastLogIndex, lastLogTerm
 *    2  PreVoteResponse  term, granted flag
 *    3  VoteRequest      term, lastLogIndex, lastLogTerm
 *    4  VoteResponse     term, granted flag
 *    5  AppendRequest    term, prevLogIndex, prevLogTerm, leaderCommit, seq, entry count (int),
 *                        then per entry: index, term, command length (int), command bytes
 *    6  AppendResponse   term, success flag, index, hintIndex, hintTerm, seq
 *    7  ForwardRequest   requestId, requestJson length (int), requestJson in UTF-8
 *    8  ForwardResponse  requestId, resultJson length (int), resultJson in UTF-8
 * </pre>
 *
 * <p>The magic and version come first so that a stray connection or a later protocol is told
 * apart from this one instead of being misread. Entries carry their index although it follows
 * from prevLogIndex: the redundancy lets the receiver notice a corrupt or misassembled batch.
 */
public final class PeerCodec {

    /** The first four bytes of every frame: "RTFT". */
    public static final int MAGIC = 0x52544654;

    /** The protocol version this codec writes and the only one it reads. */
    public static final int VERSION = 1;

    /** The largest frame payload, header included, that is sent or accepted: 16 MiB. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /**
     * The longest JSON text a forwarding payload carries, in UTF-8 bytes: a client line may be
     * 64 KiB (DESIGN.md), and the margin leaves room for anything the follower adds to it.
     */
    public static final int MAX_JSON_BYTES = 64 * 1024 + 4 * 1024;

    /** The size of the length prefix that delimits frames on the stream. */
    public static final int LENGTH_FIELD_BYTES = 4;

    static final int HEADER_BYTES = 30;

    /** An entry's index, term and command length: the least an entry takes on the wire. */
    static final int ENTRY_MIN_BYTES = 20;

    static final int PRE_VOTE_REQUEST = 1;
    static final int PRE_VOTE_RESPONSE = 2;
    static final int VOTE_REQUEST = 3;
    static final int VOTE_RESPONSE = 4;
    static final int APPEND_REQUEST = 5;
    static final int APPEND_RESPONSE = 6;
    static final int FORWARD_REQUEST = 7;
    static final int FORWARD_RESPONSE = 8;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private PeerCodec() {
    }

    /**
     * Writes {@code frame} at the writer index of {@code out}. Any frame can be encoded except one
     * over {@link #MAX_FRAME_BYTES}, which throws IllegalArgumentException and writes nothing;
     * the core's batches are far smaller, so that means a bug, not a busy leader.
     */
    public static void encode(PeerFrame frame, ByteBuf out) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(out, "out");
        PeerPayload payload = frame.payload();
        byte[] json = jsonOf(payload);
        long size = HEADER_BYTES + bodySize(payload, json);
        if (size > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("a frame of " + size + " bytes cannot be sent;"
                    + " at most " + MAX_FRAME_BYTES + " are allowed");
        }
        out.ensureWritable((int) size);

        out.writeInt(MAGIC)
                .writeByte(VERSION)
                .writeLong(frame.clusterHash())
                .writeInt(frame.from())
                .writeInt(frame.to())
                .writeLong(frame.traceId())
                .writeByte(kindOf(payload));
        writeBody(payload, json, out);
    }

    /**
     * Reads one frame from all the readable bytes of {@code in}, which must hold exactly one
     * frame payload as {@link #encode} writes it.
     *
     * <p>Any malformed input throws {@link PeerProtocolException} naming what was wrong, and
     * nothing else escapes: no IndexOutOfBoundsException, and no allocation sized by a length
     * field before it is checked against the bytes there. Checked are the header (magic,
     * version, node ids), every length and count, the strictness of flags and UTF-8, and the
     * shape of the message: no negative term, index or seq; no log term above the message's
     * term; entries contiguous from prevLogIndex+1, with terms from 1 that never decrease. The
     * cluster hash and the addressee are returned, not judged: only the receiving node knows
     * what it expects.
     *
     * <p>On success the reader index has reached the writer index; after a failure its position
     * is unspecified. The buffer is not released: it stays the caller's.
     */
    public static PeerFrame decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        if (in.readableBytes() > MAX_FRAME_BYTES) {
            throw new PeerProtocolException("the frame is " + in.readableBytes() + " bytes long,"
                    + " but at most " + MAX_FRAME_BYTES + " are allowed");
        }
        FrameReader r = new FrameReader(in);

        int magic = r.readInt("magic");
        if (magic != MAGIC) {
            throw new PeerProtocolException(String.format("not a Raft Teller peer frame: the"
                    + " magic is 0x%08x instead of 0x%08x", magic, MAGIC));
        }
        int version = r.readUnsignedByte("version");
        if (version != VERSION) {
            throw new PeerProtocolException("unsupported peer protocol version " + version
                    + "; only version " + VERSION + " is understood");
        }
        long clusterHash = r.readLong("cluster hash");
        int from = r.readInt("from");
        PeerRules.WIRE.nodeId("from", from);
        int to = r.readInt("to");
        PeerRules.WIRE.nodeId("to", to);
        long traceId = r.readLong("trace id");
        int kind = r.readUnsignedByte("kind");

        PeerPayload payload = readBody(kind, from, to, r);
        return new PeerFrame(clusterHash, from, to, traceId, payload);
    }

    /**
     * A stable 64-bit hash of a cluster id: FNV-1a over its UTF-8 bytes. It depends on nothing
     * but the id, so nodes started apart agree on it, and with 64 bits two clusters on one
     * machine practically never collide.
     */
    public static long clusterHash(String clusterId) {
        Objects.requireNonNull(clusterId, "clusterId");
        long hash = FNV_OFFSET_BASIS;
        for (byte b : clusterId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /**
     * A new decoder that cuts the byte stream into frame payloads for {@link #decode}: a 4-byte
     * length, then that many bytes, at most {@link #MAX_FRAME_BYTES}. Netty counts the length
     * field itself against its limit, hence the limit given to it is four bytes more. The
     * decoder keeps state, so every channel needs its own.
     */
    public static LengthFieldBasedFrameDecoder newFrameDecoder() {
        return new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES + LENGTH_FIELD_BYTES,
                0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES);
    }

    /** The encoder matching {@link #newFrameDecoder}: writes the 4-byte length of each frame. */
    public static LengthFieldPrepender newFramePrepender() {
        return new LengthFieldPrepender(LENGTH_FIELD_BYTES);
    }

    // ---------------------------------------------------------------- encoding

    private static byte[] jsonOf(PeerPayload payload) {
        // Payload constructors reject unpaired surrogates, so getBytes never substitutes here.
        if (payload instanceof ForwardRequest f) {
            return f.requestJson().getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof ForwardResponse f) {
            return f.resultJson().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static long bodySize(PeerPayload payload, byte[] json) {
        if (json != null) {
            return Long.BYTES + Integer.BYTES + json.length;
        }
        Message m = ((RaftMessage) payload).message();
        if (m instanceof PreVoteRequest || m instanceof VoteRequest) {
            return 3L * Long.BYTES;
        }
        if (m instanceof PreVoteResponse || m instanceof VoteResponse) {
            return Long.BYTES + 1;
        }
        if (m instanceof AppendResponse) {
            return 5L * Long.BYTES + 1;
        }
        long size = 5L * Long.BYTES + Integer.BYTES;
        for (Entry e : ((AppendRequest) m).entries()) {
            size += ENTRY_MIN_BYTES + e.command().length;
        }
        return size;
    }

    private static int kindOf(PeerPayload payload) {
        // Pattern matching in switch is only a preview in Java 17, hence instanceof here.
        if (payload instanceof ForwardRequest) {
            return FORWARD_REQUEST;
        }
        if (payload instanceof ForwardResponse) {
            return FORWARD_RESPONSE;
        }
        Message m = ((RaftMessage) payload).message();
        if (m instanceof PreVoteRequest) {
            return PRE_VOTE_REQUEST;
        }
        if (m instanceof PreVoteResponse) {
            return PRE_VOTE_RESPONSE;
        }
        if (m instanceof VoteRequest) {
            return VOTE_REQUEST;
        }
        if (m instanceof VoteResponse) {
            return VOTE_RESPONSE;
        }
        if (m instanceof AppendRequest) {
            return APPEND_REQUEST;
        }
        if (m instanceof AppendResponse) {
            return APPEND_RESPONSE;
        }
        throw new AssertionError("Message is sealed, yet got " + m);
    }

    private static void writeBody(PeerPayload payload, byte[] json, ByteBuf out) {
        if (payload instanceof ForwardRequest f) {
            out.writeLong(f.requestId()).writeInt(json.length).writeBytes(json);
        } else if (payload instanceof ForwardResponse f) {
            out.writeLong(f.requestId()).writeInt(json.length).writeBytes(json);
        } else {
            writeMessage(((RaftMessage) payload).message(), out);
        }
    }

    private static void writeMessage(Message m, ByteBuf out) {
        if (m instanceof PreVoteRequest r) {
            out.writeLong(r.term()).writeLong(r.lastLogIndex()).writeLong(r.lastLogTerm());
        } else if (m instanceof VoteRequest r) {
            out.writeLong(r.term()).writeLong(r.lastLogIndex()).writeLong(r.lastLogTerm());
        } else if (m instanceof PreVoteResponse r) {
            out.writeLong(r.term()).writeBoolean(r.granted());
        } else if (m instanceof VoteResponse r) {
            out.writeLong(r.term()).writeBoolean(r.granted());
        } else if (m instanceof AppendRequest r) {
            out.writeLong(r.term())
                    .writeLong(r.prevLogIndex())
                    .writeLong(r.prevLogTerm())
                    .writeLong(r.leaderCommit())
                    .writeLong(r.seq())
                    .writeInt(r.entries().size());
            for (Entry e : r.entries()) {
                out.writeLong(e.index())
                        .writeLong(e.term())
                        .writeInt(e.command().length)
                        .writeBytes(e.command());
            }
        } else if (m instanceof AppendResponse r) {
            out.writeLong(r.term())
                    .writeBoolean(r.success())
                    .writeLong(r.index())
                    .writeLong(r.hintIndex())
                    .writeLong(r.hintTerm())
                    .writeLong(r.seq());
        } else {
            throw new AssertionError("Message is sealed, yet got " + m);
        }
    }

    // ---------------------------------------------------------------- decoding

    // Java evaluates arguments left to right, so each constructor call below reads its fields
    // in the order of the table above.
    private static PeerPayload readBody(int kind, int from, int to, FrameReader r) {
        switch (kind) {
            case PRE_VOTE_REQUEST:
                return checked(r, new PreVoteRequest(from, to, r.readLong("term"),
                        r.readLong("lastLogIndex"), r.readLong("lastLogTerm")));
            case PRE_VOTE_RESPONSE:
                return checked(r, new PreVoteResponse(from, to, r.readLong("term"),
                        r.readFlag("granted")));
            case VOTE_REQUEST:
                return checked(r, new VoteRequest(from, to, r.readLong("term"),
                        r.readLong("lastLogIndex"), r.readLong("lastLogTerm")));
            case VOTE_RESPONSE:
                return checked(r, new VoteResponse(from, to, r.readLong("term"),
                        r.readFlag("granted")));
            case APPEND_REQUEST:
                return readAppendRequest(from, to, r);
            case APPEND_RESPONSE:
                return checked(r, new AppendResponse(from, to, r.readLong("term"),
                        r.readFlag("success"), r.readLong("index"), r.readLong("hintIndex"),
                        r.readLong("hintTerm"), r.readLong("seq")));
            case FORWARD_REQUEST: {
                ForwardRequest f = new ForwardRequest(r.readLong("requestId"),
                        r.readUtf8("requestJson", MAX_JSON_BYTES));
                r.requireEnd("ForwardRequest");
                return f;
            }
            case FORWARD_RESPONSE: {
                ForwardResponse f = new ForwardResponse(r.readLong("requestId"),
                        r.readUtf8("resultJson", MAX_JSON_BYTES));
                r.requireEnd("ForwardResponse");
                return f;
            }
            default:
                throw new PeerProtocolException("unknown message kind " + kind + "; kinds "
                        + PRE_VOTE_REQUEST + " to " + FORWARD_RESPONSE + " are understood");
        }
    }

    /** A message read to its end, once it is known to be all there and to obey the rules. */
    private static RaftMessage checked(FrameReader r, Message m) {
        r.requireEnd(m.getClass().getSimpleName());
        PeerRules.WIRE.message(m);
        return new RaftMessage(m);
    }

    private static RaftMessage readAppendRequest(int from, int to, FrameReader r) {
        long term = r.readLong("term");
        long prevLogIndex = r.readLong("prevLogIndex");
        long prevLogTerm = r.readLong("prevLogTerm");
        long leaderCommit = r.readLong("leaderCommit");
        long seq = r.readLong("seq");
        int count = r.readCount("entry count", ENTRY_MIN_BYTES);
        PeerRules.WIRE.appendRequest(term, prevLogIndex, prevLogTerm, leaderCommit, seq, count);

        // The count is bounded by the bytes present, so this list is too.
        List<Entry> entries = new ArrayList<>(count);
        long previousTerm = prevLogTerm;
        for (int i = 0; i < count; i++) {
            long index = r.readLong("entry index");
            long entryTerm = r.readLong("entry term");
            PeerRules.WIRE.entry(i, index, entryTerm, prevLogIndex, previousTerm, term);
            byte[] command = r.readBytes("entry command", MAX_FRAME_BYTES);
            entries.add(new Entry(index, entryTerm, command));
            previousTerm = entryTerm;
        }
        r.requireEnd("AppendRequest");

        return new RaftMessage(new AppendRequest(from, to, term, prevLogIndex, prevLogTerm,
                entries, leaderCommit, seq));
    }
}
