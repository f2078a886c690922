package org.raftteller.bank;

import java.util.HexFormat;

/**
 * Builds byte arrays for tests field by field, independently of the production writer, so a
 * test of the decoders does not trust the code it is checking.
 */
final class TestBytes {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder hex = new StringBuilder();

    TestBytes u8(int value) {
        hex.append(HEX.toHexDigits((byte) value));
        return this;
    }

    TestBytes i32(int value) {
        hex.append(HEX.toHexDigits(value));
        return this;
    }

    TestBytes i64(long value) {
        hex.append(HEX.toHexDigits(value));
        return this;
    }

    /** A length byte, then one byte per character (each must fit in a byte). */
    TestBytes client(String client) {
        u8(client.length());
        for (int i = 0; i < client.length(); i++) {
            u8(client.charAt(i));
        }
        return this;
    }

    byte[] toArray() {
        return HEX.parseHex(hex);
    }
}
