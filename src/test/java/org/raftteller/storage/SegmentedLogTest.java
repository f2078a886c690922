package org.raftteller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.storage.TestEntries.RECORD_BYTES;
import static org.raftteller.storage.TestEntries.entries;
import static org.raftteller.storage.TestEntries.entry;
import static org.raftteller.storage.TestEntries.offsetOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raftteller.raft.Entry;

class SegmentedLogTest {

    // Room for exactly three of the test records per segment.
    private static final long THREE_RECORDS = 3L * RECORD_BYTES;

    @TempDir
    Path dir;

    @Test
    void newLogIsEmptyAndStartsAtIndexOne() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {

            assertThat(log.firstIndex()).isEqualTo(1);
            assertThat(log.lastIndex()).isZero();
            assertThat(log.entries()).isEmpty();
        }
    }

    @Test
    void entriesSurviveReopen() throws IOException {
        List<Entry> written = new ArrayList<>(entries(1, 3, 1));
        written.add(Entry.noop(4, 2));
        written.add(entry(5, 2));
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            log.append(written);
            log.sync();
        }

        try (SegmentedLog log = SegmentedLog.open(dir)) {

            assertThat(log.entries()).containsExactlyElementsOf(written);
            assertThat(log.lastIndex()).isEqualTo(5);
            assertThat(log.term(4)).isEqualTo(2);
        }
    }

    @Test
    void termsAndRangesStayRightInALargeSegmentAcrossTermChangesAndTruncations()
            throws IOException {
        // Far more records than one chunk of offsets holds, with terms changing inside chunks
        // and truncations that cut back across chunk and term boundaries.
        List<Entry> expected = new ArrayList<>();
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            long term = 1;
            for (int batch = 0; batch < 40; batch++) {
                long first = expected.size() + 1;
                List<Entry> next = entries(first, first + 700 + 37 * batch, term);
                log.append(next);
                expected.addAll(next);
                if (batch % 7 == 6) {
                    // A new leader replaces the last 1,500 entries with its own term.
                    term++;
                    long from = expected.size() - 1_499;
                    List<Entry> replacement = entries(from, from + 99, term);
                    log.append(replacement);
                    expected.subList((int) from - 1, expected.size()).clear();
                    expected.addAll(replacement);
                }
                if (batch % 5 == 4) {
                    term++;
                }
            }
            log.sync();

            assertLogMatches(log, expected);
        }

        try (SegmentedLog log = SegmentedLog.open(dir)) {

            assertLogMatches(log, expected);
        }
    }

    private static void assertLogMatches(SegmentedLog log, List<Entry> expected)
            throws IOException {
        assertThat(expected.size()).isGreaterThan(20_000);
        assertThat(log.lastIndex()).isEqualTo(expected.size());
        for (Entry e : expected) {
            assertThat(log.term(e.index())).as("term of %d", e.index()).isEqualTo(e.term());
        }
        for (long from = 1; from < expected.size(); from += 4_099) {
            long to = Math.min(expected.size() + 1, from + 300);
            assertThat(log.entries(from, to))
                    .containsExactlyElementsOf(expected.subList((int) from - 1, (int) to - 1));
        }
        assertThat(log.entries()).containsExactlyElementsOf(expected);
    }

    @Test
    void appendStartsANewSegmentWhenTheCurrentOneIsFull() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {
            log.append(entries(1, 4, 1));
            log.append(entries(5, 8, 1));
            log.sync();
        }

        List<String> files = segmentFiles();
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {

            assertThat(files).containsExactly("00000000000000000001.log",
                    "00000000000000000004.log", "00000000000000000007.log");
            assertThat(log.entries()).containsExactlyElementsOf(entries(1, 8, 1));
        }
    }

    @Test
    void recordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        Entry big = new Entry(2, 1, new byte[1000]);
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {

            log.append(List.of(entry(1, 1), big, entry(3, 1)));
            log.sync();

            assertThat(segmentFiles()).containsExactly("00000000000000000001.log",
                    "00000000000000000002.log", "00000000000000000003.log");
            assertThat(log.entries()).containsExactly(entry(1, 1), big, entry(3, 1));
        }
    }

    @Test
    void rangeReadReturnsEntriesAcrossSegments() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {
            log.append(entries(1, 10, 1));

            List<Entry> range = log.entries(3, 8);

            assertThat(range).containsExactlyElementsOf(entries(3, 7, 1));
        }
    }

    @Test
    void conflictingAppendReplacesTheSuffixWithinASegment() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            log.append(entries(1, 5, 1));

            log.append(entries(3, 4, 2));
            log.sync();
        }

        try (SegmentedLog log = SegmentedLog.open(dir)) {
            List<Entry> expected = new ArrayList<>(entries(1, 2, 1));
            expected.addAll(entries(3, 4, 2));
            assertThat(log.entries()).containsExactlyElementsOf(expected);
            assertThat(log.lastIndex()).isEqualTo(4);
        }
    }

    @Test
    void conflictingAppendDeletesLaterSegmentsThenAppendsAfterIt() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {
            log.append(entries(1, 9, 1));
            log.sync();

            log.append(List.of(entry(5, 2)));
            log.append(List.of(entry(6, 2), entry(7, 2)));
            log.sync();
        }

        List<String> files = segmentFiles();
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {

            assertThat(files).containsExactly("00000000000000000001.log",
                    "00000000000000000004.log", "00000000000000000007.log");
            List<Entry> expected = new ArrayList<>(entries(1, 4, 1));
            expected.addAll(entries(5, 7, 2));
            assertThat(log.entries()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void conflictAtTheFirstIndexOfASegmentEmptiesItAndAppendsContinueThere() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {
            log.append(entries(1, 9, 1));

            log.append(List.of(entry(4, 3)));
            log.sync();
        }

        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {
            List<Entry> expected = new ArrayList<>(entries(1, 3, 1));
            expected.add(entry(4, 3));
            assertThat(log.entries()).containsExactlyElementsOf(expected);
            assertThat(segmentFiles()).containsExactly("00000000000000000001.log",
                    "00000000000000000004.log");
        }
    }

    @Test
    void appendThatWouldLeaveAGapIsRejected() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            log.append(entries(1, 3, 1));

            assertThatThrownBy(() -> log.append(List.of(entry(5, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gap");
            assertThat(log.lastIndex()).isEqualTo(3);
            log.append(List.of(entry(4, 1)));
        }
    }

    @Test
    void appendOfNonContiguousEntriesIsRejected() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {

            assertThatThrownBy(() -> log.append(List.of(entry(1, 1), entry(3, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not contiguous");
            assertThat(log.lastIndex()).isZero();
        }
    }

    @Test
    void appendThatWouldMakeTermsDecreaseIsRejected() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            log.append(entries(1, 2, 3));

            assertThatThrownBy(() -> log.append(List.of(entry(3, 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower than the term 3");
        }
    }

    @ParameterizedTest(name = "cut {0} bytes into the last record")
    @ValueSource(ints = {1, 4, 7, 8, 15, 24, 27})
    void tornLastRecordIsDroppedAndAppendingContinues(int cut) throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Path segment = segmentPath(1);
        Damage.truncate(segment, offsetOf(5, 1) + cut);

        try (LogCapture logged = new LogCapture(SegmentedLog.class);
                SegmentedLog log = SegmentedLog.open(dir)) {

            assertThat(log.entries()).containsExactlyElementsOf(entries(1, 4, 1));
            assertThat(logged.warnings()).singleElement().asString()
                    .contains("00000000000000000001.log", "offset " + offsetOf(5, 1),
                            cut + " bytes");
            log.append(entries(5, 6, 2));
            log.sync();
        }

        try (SegmentedLog log = SegmentedLog.open(dir)) {
            List<Entry> expected = new ArrayList<>(entries(1, 4, 1));
            expected.addAll(entries(5, 6, 2));
            assertThat(log.entries()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void tornRecordAtTheStartOfTheLastSegmentLeavesEarlierSegmentsIntact() throws IOException {
        writeAndClose(entries(1, 4, 1), THREE_RECORDS);
        Damage.truncate(segmentPath(4), 10);

        try (SegmentedLog log = SegmentedLog.open(dir, THREE_RECORDS)) {

            assertThat(log.entries()).containsExactlyElementsOf(entries(1, 3, 1));
            log.append(List.of(entry(4, 2)));
            assertThat(log.entries(4, 5)).containsExactly(entry(4, 2));
        }
    }

    @Test
    void bitFlipInTheFinalRecordIsDroppedWithAWarning() throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Damage.flipBit(segmentPath(1), offsetOf(5, 1) + 20);

        try (LogCapture logged = new LogCapture(SegmentedLog.class);
                SegmentedLog log = SegmentedLog.open(dir)) {

            assertThat(log.entries()).containsExactlyElementsOf(entries(1, 4, 1));
            assertThat(logged.warnings()).singleElement().asString()
                    .contains("00000000000000000001.log", "offset " + offsetOf(5, 1),
                            RECORD_BYTES + " bytes", "checksum mismatch");
        }
    }

    @Test
    void zeroFilledTailIsDroppedLikeATornRecord() throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Damage.appendZeros(segmentPath(1), 4096);

        try (LogCapture logged = new LogCapture(SegmentedLog.class);
                SegmentedLog log = SegmentedLog.open(dir)) {

            assertThat(log.entries()).containsExactlyElementsOf(entries(1, 5, 1));
            assertThat(logged.warnings()).singleElement().asString().contains("4096 bytes");
        }
    }

    @Test
    void bitFlipInAnEarlierRecordIsCorruptionNamingFileAndOffset() throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Damage.flipBit(segmentPath(1), offsetOf(3, 1) + 20);

        assertThatThrownBy(() -> SegmentedLog.open(dir))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("00000000000000000001.log")
                .hasMessageContaining("offset " + offsetOf(3, 1))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void bitFlipInAnEarlierSegmentIsCorruptionEvenInItsLastRecord() throws IOException {
        writeAndClose(entries(1, 8, 1), THREE_RECORDS);
        Damage.flipBit(segmentPath(4), offsetOf(6, 4) + 12);

        assertThatThrownBy(() -> SegmentedLog.open(dir, THREE_RECORDS))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("00000000000000000004.log")
                .hasMessageContaining("offset " + offsetOf(6, 4));
    }

    @Test
    void truncatedEarlierSegmentIsCorruption() throws IOException {
        writeAndClose(entries(1, 8, 1), THREE_RECORDS);
        Damage.truncate(segmentPath(4), offsetOf(6, 4) + 5);

        assertThatThrownBy(() -> SegmentedLog.open(dir, THREE_RECORDS))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("00000000000000000004.log")
                .hasMessageContaining("offset " + offsetOf(6, 4));
    }

    @Test
    void garbageLengthInTheMiddleIsCorruptionNotATornTail() throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Damage.writeInt(segmentPath(1), offsetOf(2, 1), 0x7fff_0000);

        assertThatThrownBy(() -> SegmentedLog.open(dir))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("offset " + offsetOf(2, 1))
                .hasMessageContaining("invalid record length");
    }

    @Test
    void lengthThatSeemsToRunPastTheEndIsCorruptionWhenIntactRecordsFollow() throws IOException {
        writeAndClose(entries(1, 5, 1), SegmentedLog.DEFAULT_SEGMENT_BYTES);
        Damage.writeInt(segmentPath(1), offsetOf(3, 1), 1000);

        assertThatThrownBy(() -> SegmentedLog.open(dir))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("offset " + offsetOf(3, 1))
                .hasMessageContaining("intact record follows at offset " + offsetOf(4, 1));
    }

    @Test
    void missingSegmentBetweenTwoOthersIsCorruption() throws IOException {
        writeAndClose(entries(1, 9, 1), THREE_RECORDS);
        Files.delete(segmentPath(4));

        assertThatThrownBy(() -> SegmentedLog.open(dir, THREE_RECORDS))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("00000000000000000007.log")
                .hasMessageContaining("offset 0")
                .hasMessageContaining("previous segment ends at 3");
    }

    @Test
    void missingFirstSegmentIsCorruption() throws IOException {
        writeAndClose(entries(1, 6, 1), THREE_RECORDS);
        Files.delete(segmentPath(1));

        assertThatThrownBy(() -> SegmentedLog.open(dir, THREE_RECORDS))
                .isInstanceOf(StorageCorruptionException.class)
                .hasMessageContaining("00000000000000000004.log")
                .hasMessageContaining("starts at index 4, not 1");
    }

    @Test
    void damageAfterOpenIsCaughtWhenReading() throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir)) {
            log.append(entries(1, 5, 1));
            log.sync();

            Damage.flipBit(segmentPath(1), offsetOf(2, 1) + 26);

            assertThatThrownBy(log::entries)
                    .isInstanceOf(StorageCorruptionException.class)
                    .hasMessageContaining("offset " + offsetOf(2, 1));
        }
    }

    private void writeAndClose(List<Entry> entries, long segmentBytes) throws IOException {
        try (SegmentedLog log = SegmentedLog.open(dir, segmentBytes)) {
            log.append(entries);
            log.sync();
        }
    }

    private Path segmentPath(long baseIndex) {
        return dir.resolve(Segment.fileName(baseIndex));
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
