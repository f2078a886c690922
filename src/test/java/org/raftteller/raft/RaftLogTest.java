package org.raftteller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.raftteller.raft.Fixtures.entry;
import static org.raftteller.raft.Fixtures.log;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RaftLogTest {

    // ---------------------------------------------------------------- building

    @Test
    void emptyLogEndsAtIndexZeroOfTermZero() {
        RaftLog log = new RaftLog(List.of());

        assertThat(log.lastIndex()).isZero();
        assertThat(log.lastTerm()).isZero();
        assertThat(log.term(0)).isZero();
        assertThat(log.has(0)).isFalse();
        assertThat(log.has(1)).isFalse();
    }

    @Test
    void durableEntriesAreReadBackByIndex() {
        RaftLog log = new RaftLog(log(1, 1, 2));

        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(log.lastTerm()).isEqualTo(2);
        assertThat(log.term(2)).isEqualTo(1);
        assertThat(log.entry(3)).isEqualTo(entry(3, 2));
        assertThat(log.has(3)).isTrue();
        assertThat(log.has(4)).isFalse();
    }

    @Test
    void durableLogWithAGapIsRefused() {
        assertThatThrownBy(() -> new RaftLog(List.of(entry(1, 1), entry(3, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected index 2");
    }

    @Test
    void durableLogThatDoesNotStartAtOneIsRefused() {
        assertThatThrownBy(() -> new RaftLog(List.of(entry(2, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durableLogWhoseTermsGoBackwardsIsRefused() {
        assertThatThrownBy(() -> new RaftLog(log(1, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
    }

    @Test
    void readingAnEntryOutsideTheLogFails() {
        RaftLog log = new RaftLog(log(1, 1));

        assertThatThrownBy(() -> log.entry(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.entry(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.term(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---------------------------------------------------------------- appending and truncating

    @Test
    void appendAddsTheNextEntry() {
        RaftLog log = new RaftLog(log(1));

        log.append(entry(2, 1));
        log.append(entry(3, 4));

        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(log.lastTerm()).isEqualTo(4);
    }

    @Test
    void appendRefusesAnEntryThatIsNotTheNext() {
        RaftLog log = new RaftLog(log(1));

        assertThatThrownBy(() -> log.append(entry(3, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.append(entry(1, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void appendRefusesATermLowerThanTheLastOne() {
        RaftLog log = new RaftLog(log(1, 3));

        assertThatThrownBy(() -> log.append(entry(3, 2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncateFromDropsThatEntryAndEveryOneAfterIt() {
        RaftLog log = new RaftLog(log(1, 1, 2, 2));

        log.truncateFrom(3);

        assertThat(log.lastIndex()).isEqualTo(2);
        assertThat(log.slice(1, 2, 10)).isEqualTo(log(1, 1));
    }

    @Test
    void truncateFromBeyondTheEndChangesNothing() {
        RaftLog log = new RaftLog(log(1, 1));

        log.truncateFrom(3);

        assertThat(log.lastIndex()).isEqualTo(2);
    }

    @Test
    void truncateFromTheFirstIndexEmptiesTheLog() {
        RaftLog log = new RaftLog(log(1, 1));

        log.truncateFrom(1);

        assertThat(log.lastIndex()).isZero();
    }

    // ---------------------------------------------------------------- slices

    @Test
    void sliceReturnsTheEntriesBetweenBothIndexesInclusive() {
        RaftLog log = new RaftLog(log(1, 1, 2, 2, 3));

        assertThat(log.slice(2, 4, 10)).isEqualTo(log(1, 1, 2, 2, 3).subList(1, 4));
    }

    @Test
    void sliceReturnsAtMostMaxEntries() {
        RaftLog log = new RaftLog(log(1, 1, 2, 2, 3));

        assertThat(log.slice(2, 5, 2)).isEqualTo(log(1, 1, 2, 2, 3).subList(1, 3));
        assertThat(log.slice(5, 5, 1)).containsExactly(entry(5, 3));
    }

    @Test
    void sliceStartingAfterItsEndIsEmpty() {
        RaftLog log = new RaftLog(log(1, 1));

        assertThat(log.slice(3, 2, 10)).isEmpty();
    }

    @Test
    void sliceIsACopyThatLaterTruncationDoesNotChange() {
        RaftLog log = new RaftLog(log(1, 1, 1));
        List<Entry> slice = log.slice(1, 3, 10);

        log.truncateFrom(2);

        assertThat(slice).hasSize(3);
    }

    // ---------------------------------------------------------------- section 5.4.1

    @ParameterizedTest(name = "last index {0}, last term {1}: {2}")
    @CsvSource({
            "1, 3, true",   // a higher last term wins even with a shorter log
            "3, 2, true",   // same last term, same length
            "4, 2, true",   // same last term, longer
            "2, 2, false",  // same last term, shorter
            "9, 1, false",  // an older last term loses however long the log
    })
    void candidateLogIsUpToDateByLastTermThenByLength(long lastIndex, long lastTerm,
                                                      boolean upToDate) {
        RaftLog log = new RaftLog(log(1, 2, 2));

        assertThat(log.isUpToDate(lastIndex, lastTerm)).isEqualTo(upToDate);
    }

    @Test
    void anyLogIsAsUpToDateAsAnEmptyOne() {
        RaftLog log = new RaftLog(List.of());

        assertThat(log.isUpToDate(0, 0)).isTrue();
    }

    // ---------------------------------------------------------------- term searches

    @ParameterizedTest(name = "index {0} starts its term at {1}")
    @CsvSource({"1, 1", "2, 2", "3, 2", "4, 2", "5, 5", "6, 6", "7, 6", "8, 6"})
    void firstIndexOfTermAtFindsWhereTheTermOfAnIndexBegins(long index, long first) {
        RaftLog log = new RaftLog(log(1, 2, 2, 2, 3, 5, 5, 5));

        assertThat(log.firstIndexOfTermAt(index)).isEqualTo(first);
    }

    @ParameterizedTest(name = "term {0} up to {1}: {2}")
    @CsvSource({
            "1, 8, 1",
            "2, 8, 4",
            "2, 3, 3",   // the limit cuts the term short
            "3, 8, 5",
            "4, 8, 0",   // a term the log skips
            "5, 8, 8",
            "5, 6, 6",
            "5, 5, 0",   // the term only starts after the limit
            "6, 8, 0",   // a term beyond the log
            "5, 20, 8",  // a limit beyond the log
            "1, 0, 0",
    })
    void lastIndexOfTermFindsTheLastEntryOfATermUpToALimit(long term, long limit, long last) {
        RaftLog log = new RaftLog(log(1, 2, 2, 2, 3, 5, 5, 5));

        assertThat(log.lastIndexOfTerm(term, limit)).isEqualTo(last);
    }
}
