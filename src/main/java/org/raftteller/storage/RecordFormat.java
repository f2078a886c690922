package org.raftteller.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.raftteller.raft.Entry;

/**
 * One log entry on disk, big-endian:
 * <pre>
 * int  length    bytes after the checksum field: 16 + command length
 * int  checksum  CRC32C over the length field and everything after the checksum
 * long index
 * long term
 * byte[] command
 * </pre>
 * The checksum covers the length too, so a damaged length is caught even when it happens to
 * frame a plausible body.
 */
final class RecordFormat {

    static final int HEADER_BYTES = 8;
    static final int FIXED_BODY_BYTES = 16;

    /**
     * Far above any real command (client lines are at most 64 KiB) yet small enough that a
     * damaged length field is recognised as garbage instead of read as a huge record.
     */
    static final int MAX_COMMAND_BYTES = 16 << 20;

    private RecordFormat() {
    }

    static int recordBytes(Entry entry) {
        return HEADER_BYTES + FIXED_BODY_BYTES + entry.command().length;
    }

    static boolean plausibleLength(int length) {
        return length >= FIXED_BODY_BYTES && length <= FIXED_BODY_BYTES + MAX_COMMAND_BYTES;
    }

    static void encode(Entry entry, ByteBuffer out) {
        int start = out.position();
        int length = FIXED_BODY_BYTES + entry.command().length;
        out.putInt(length).putInt(0).putLong(entry.index()).putLong(entry.term());
        out.put(entry.command());

        ByteBuffer view = out.duplicate();
        view.limit(out.position()).position(start);
        out.putInt(start + 4, checksum(view, length));
    }

    /**
     * The checksum of a whole record in {@code record} (from position to limit, header
     * included); the stored checksum field is skipped.
     */
    static int checksum(ByteBuffer record, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer lengthField = record.duplicate();
        lengthField.limit(lengthField.position() + 4);
        crc.update(lengthField);

        ByteBuffer body = record.duplicate();
        body.position(body.position() + HEADER_BYTES);
        body.limit(body.position() + length);
        crc.update(body);
        return (int) crc.getValue();
    }

    /** The checksum of a record read back as its header and body. */
    static int checksum(byte[] header, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, 4);
        crc.update(body, 0, body.length);
        return (int) crc.getValue();
    }
}
