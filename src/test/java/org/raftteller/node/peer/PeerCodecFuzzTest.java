package org.raftteller.node.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Decode only ever returns a frame or throws PeerProtocolException, whatever the bytes: random
 * ones, and valid frames with bits flipped, bytes cut, added, or overwritten with boundary
 * values. The random source is seeded, so every run feeds the same inputs and a failure names
 * the bytes that caused it.
 */
class PeerCodecFuzzTest {

    private static final long SEED = 0x7e11e7L;
    private static final HexFormat HEX = HexFormat.of();
    private static final long[] BOUNDARIES = {
        0, 1, -1, 2, 20, 0x7f, 0x80, 0xff, Integer.MAX_VALUE, Integer.MIN_VALUE,
        PeerCodec.MAX_JSON_BYTES, PeerCodec.MAX_JSON_BYTES + 1, PeerCodec.MAX_FRAME_BYTES,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1};

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final Outcomes outcomes = new Outcomes();

    @Test
    void randomBytesAreRefusedWithPeerProtocolExceptionAndNothingElse() {
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(0, 160)];
            random.nextBytes(bytes);

            outcomes.feed(bytes);
        }

        assertThat(outcomes.refused).isEqualTo(5_000);
    }

    @Test
    void randomBodiesBehindAValidHeaderAreDecodedOrRefusedAndNothingElse() {
        for (int i = 0; i < 10_000; i++) {
            int kind = random.nextInt(0, 10);
            byte[] body = new byte[random.nextInt(0, 120)];
            random.nextBytes(body);
            byte[] header = RawFrame.header(1 + random.nextInt(3), 1 + random.nextInt(3), kind)
                    .toBytes();

            outcomes.feed(concat(header, body));
        }

        assertThat(outcomes.refused).isPositive();
        assertThat(outcomes.reasons()).contains("unknown message kind", "trailing bytes",
                "truncated", "a flag is 0 or 1", "negative");
    }

    @Test
    void mutatedValidFramesAreDecodedOrRefusedAndNothingElse() {
        List<byte[]> valid = SampleFrames.small().map(Wire::encode).toList();

        for (int i = 0; i < 30_000; i++) {
            byte[] bytes = valid.get(random.nextInt(valid.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes = mutate(bytes);
            }

            outcomes.feed(bytes);
        }

        assertThat(outcomes.decoded).isPositive();
        assertThat(outcomes.refused).isPositive();
        assertThat(outcomes.reasons()).contains("not a Raft Teller peer frame",
                "unsupported peer protocol version", "unknown message kind", "truncated",
                "trailing bytes", "node ids start at 1", "terms are never negative",
                "log indexes are never negative", "above the message term", "contiguous",
                "exceeds what the remaining", "not valid UTF-8", "a flag is 0 or 1",
                "entry terms start at 1", "never decrease", "largest possible log index",
                "are allowed");
    }

    @Test
    void mutatedLargeFramesAreDecodedOrRefusedAndNothingElse() {
        byte[] valid = Wire.encode(SampleFrames.withLargeCommand());

        for (int i = 0; i < 200; i++) {
            outcomes.feed(mutate(valid));
        }

        assertThat(outcomes.decoded + outcomes.refused).isEqualTo(200);
    }

    private byte[] mutate(byte[] bytes) {
        byte[] out = bytes.clone();
        int at = out.length == 0 ? 0 : random.nextInt(out.length);
        switch (random.nextInt(7)) {
            case 0:
                if (out.length > 0) {
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            case 1:
                if (out.length > 0) {
                    out[at] = (byte) random.nextInt(256);
                }
                return out;
            case 2:
                return Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 3: {
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                return concat(out, extra);
            }
            case 4: {
                int end = Math.min(out.length, at + 1 + random.nextInt(8));
                return concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, end, out.length));
            }
            case 5:
                return overwrite(out, at, Integer.BYTES);
            default:
                return overwrite(out, at, Long.BYTES);
        }
    }

    /** Writes a boundary value big-endian at {@code at}, as much of it as fits. */
    private byte[] overwrite(byte[] bytes, int at, int width) {
        long value = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        for (int i = 0; i < width && at + i < bytes.length; i++) {
            bytes[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Tallies what decode did with each input, and fails on anything but the two outcomes. */
    private static final class Outcomes {

        private static final List<String> KNOWN_REASONS = List.of(
                "not a Raft Teller peer frame", "unsupported peer protocol version",
                "unknown message kind", "truncated", "trailing bytes", "node ids start at 1",
                "terms are never negative", "log indexes are never negative",
                "above the message term", "contiguous", "exceeds what the remaining",
                "not valid UTF-8", "a flag is 0 or 1", "negative", "entry terms start at 1",
                "never decrease", "read rounds are never negative", "are allowed",
                "largest possible log index");

        int decoded;
        int refused;
        private final TreeSet<String> reasons = new TreeSet<>();

        void feed(byte[] bytes) {
            PeerFrame frame;
            try {
                frame = Wire.decode(bytes);
            } catch (PeerProtocolException e) {
                refused++;
                reasons.add(reasonOf(e.getMessage(), bytes));
                return;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("decode of " + HEX.formatHex(bytes) + " threw " + e, e);
            }
            decoded++;
            // Decode is strict: what it accepts is exactly what encode writes for the frame.
            assertThat(HEX.formatHex(Wire.encode(frame)))
                    .as("re-encoding of the frame decoded from %s", HEX.formatHex(bytes))
                    .isEqualTo(HEX.formatHex(bytes));
        }

        /** The reasons of the refusals so far, to show that the inputs reached every check. */
        TreeSet<String> reasons() {
            return reasons;
        }

        private static String reasonOf(String message, byte[] bytes) {
            assertThat(message).as("message for %s", HEX.formatHex(bytes)).isNotBlank();
            return KNOWN_REASONS.stream().filter(message::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected refusal of "
                            + HEX.formatHex(bytes) + ": " + message));
        }
    }
}
