package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raftteller.bank.BankCommand.Credit;
import org.raftteller.bank.BankCommand.Debit;
import org.raftteller.bank.Outcome.Status;

/** The byte encoding of a bank's whole state, and the determinism it lets us check. */
class BankStateTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void newBankEncodesAsVersionZeroesAndItsLimit() {
        Bank bank = new Bank(3);

        byte[] bytes = bank.encodeState();

        assertThat(HEX.formatHex(bytes)).isEqualTo(
                "01" + "0000000000000000" + "0000000000000000" + "00000003" + "00000000");
    }

    @Test
    void sessionsAreEncodedInTheDocumentedLayoutFromLeastRecentlyUsed() {
        Bank bank = new Bank(5);
        bank.apply(1, new Credit("b", 2, 0x100));
        bank.apply(2, new Debit("a", 1, 0x1000));
        bank.apply(3, new Credit("b", 2, 0x100));

        byte[] bytes = bank.encodeState();

        assertThat(HEX.formatHex(bytes)).isEqualTo("01"
                + "0000000000000100" + "0000000000000003" + "00000005" + "00000002"
                + "01" + "61" + "0000000000000001" + "02"
                + "0000000000000100" + "0000000000000002"
                + "01" + "62" + "0000000000000002" + "01"
                + "0000000000000100" + "0000000000000001");
    }

    @Test
    void limitExceededOutcomeIsEncodedAsThree() {
        Bank bank = BankTest.fillTo(Bank.MAX_BALANCE);
        bank.apply(bank.lastApplied() + 1, new Credit("x", 1, 1));

        byte[] bytes = bank.encodeState();

        int statusOffset = 1 + 8 + 8 + 4 + 4 + 1 + 1 + 8;
        assertThat(bytes[statusOffset]).isEqualTo((byte) 3);
        assertThat(bytes).hasSize(statusOffset + 1 + 8 + 8);
    }

    @Test
    void decodeOfEncodeRestoresEveryObservableProperty() {
        Bank bank = new Bank(4);
        bank.apply(1, new Credit("alice", 1, 5_000));
        bank.apply(2, new Debit("bob", 3, 9_000));
        bank.applyNoop(3);
        bank.apply(4, new Debit(1_200));

        Bank restored = Bank.decodeState(bank.encodeState());

        assertThat(restored.balance()).isEqualTo(3_800);
        assertThat(restored.lastApplied()).isEqualTo(4);
        assertThat(restored.clientCount()).isEqualTo(2);
        assertThat(restored.encodeState()).isEqualTo(bank.encodeState());
        assertThat(restored.toString()).isEqualTo(bank.toString());
    }

    @Test
    void restoredBankAnswersRetriesWithTheOriginalOutcomes() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 5_000));
        bank.apply(2, new Debit("bob", 3, 9_000));
        Bank restored = Bank.decodeState(bank.encodeState());

        Outcome alice = restored.apply(3, new Credit("alice", 1, 5_000));
        Outcome bob = restored.apply(4, new Debit("bob", 3, 9_000));
        Outcome stale = restored.apply(5, new Debit("bob", 2, 1));

        assertThat(alice).isEqualTo(new Outcome(Status.APPLIED, 5_000, 1));
        assertThat(bob).isEqualTo(new Outcome(Status.INSUFFICIENT_FUNDS, 5_000, 2));
        assertThat(stale).isEqualTo(new Outcome(Status.STALE_REQUEST, 5_000, 5));
        assertThat(restored.balance()).isEqualTo(5_000);
    }

    @Test
    void restoredBankKeepsTheEvictionOrderAndLimit() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));
        bank.apply(3, new Credit("alice", 1, 100));
        Bank restored = Bank.decodeState(bank.encodeState());

        restored.apply(4, new Credit("carol", 1, 100));
        Outcome bobAgain = restored.apply(5, new Credit("bob", 1, 100));

        assertThat(restored.clientCount()).isEqualTo(2);
        assertThat(bobAgain).isEqualTo(new Outcome(Status.APPLIED, 400, 5));
    }

    @Test
    void replicasFedTheSameRandomCommandsEndWithIdenticalState() {
        List<Object> entries = randomEntries(new Random(42), 5_000);
        Bank first = new Bank(8);
        Bank second = new Bank(8);

        List<Outcome> firstOutcomes = applyAll(first, entries, 0, entries.size());
        List<Outcome> secondOutcomes = applyAll(second, entries, 0, entries.size());

        assertThat(first.encodeState()).isEqualTo(second.encodeState());
        assertThat(firstOutcomes).isEqualTo(secondOutcomes);
        assertThat(firstOutcomes).filteredOn(o -> o != null).extracting(Outcome::status)
                .as("the random log exercises every rule")
                .contains(Status.values());
        assertThat(first.clientCount()).isEqualTo(8);
        assertThat(first.lastApplied()).isEqualTo(5_000);
    }

    @Test
    void replicaRestoredMidwayEndsWithTheSameStateAsOneThatNeverStopped() {
        List<Object> entries = randomEntries(new Random(7), 4_000);
        Bank steady = new Bank(8);
        Bank beforeCrash = new Bank(8);

        List<Outcome> steadyOutcomes = applyAll(steady, entries, 0, entries.size());
        applyAll(beforeCrash, entries, 0, 1_700);
        Bank restored = Bank.decodeState(beforeCrash.encodeState());
        List<Outcome> restoredOutcomes = applyAll(restored, entries, 1_700, entries.size());

        assertThat(restored.encodeState()).isEqualTo(steady.encodeState());
        assertThat(restoredOutcomes).isEqualTo(steadyOutcomes.subList(1_700, entries.size()));
    }

    @Test
    void randomCommandsKeepTheBalanceWithinItsBoundsAndMatchTheAppliedSum() {
        List<Object> entries = randomEntries(new Random(99), 5_000);
        Bank bank = new Bank(8);
        long expected = 0;

        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (entry instanceof BankCommand command) {
                Outcome outcome = bank.apply(i + 1, command);
                boolean fresh = outcome.index() == i + 1;
                if (outcome.isApplied() && fresh) {
                    expected += command instanceof Credit ? command.amount() : -command.amount();
                }
            } else {
                bank.applyNoop(i + 1);
            }

            assertThat(bank.balance()).isEqualTo(expected).isBetween(0L, Bank.MAX_BALANCE);
        }
    }

    @Test
    void decodeOfNullIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(null))
                .withMessage("bank state bytes must not be null");
    }

    @Test
    void decodeOfEveryProperPrefixIsRefusedAsTruncated() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Debit("bob", 1, 50));
        byte[] whole = bank.encodeState();

        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);

            assertThatIllegalArgumentException()
                    .as("prefix of %d bytes", length)
                    .isThrownBy(() -> Bank.decodeState(prefix))
                    .withMessageStartingWith("bank state is truncated: ");
        }
    }

    @Test
    void decodeWithTrailingBytesIsRefused() {
        byte[] whole = new Bank().encodeState();
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(longer))
                .withMessage("bank state has 1 trailing bytes after offset 25");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xff})
    void decodeOfUnknownFormatVersionIsRefused(int version) {
        byte[] bytes = new Bank().encodeState();
        bytes[0] = (byte) version;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has format version " + version
                        + "; only version 1 is understood");
    }

    @Test
    void balanceFromZeroToMaxBalanceIsAcceptedOutsideIsRefused() {
        assertThat(Bank.decodeState(header(0, 0, 1, 0).toArray()).balance()).isZero();
        assertThat(Bank.decodeState(header(Bank.MAX_BALANCE, 0, 1, 0).toArray()).balance())
                .isEqualTo(Bank.MAX_BALANCE);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(-1, 0, 1, 0).toArray()))
                .withMessage("bank state has balance -1; it must be 0 to 1000000000000000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(
                        header(Bank.MAX_BALANCE + 1, 0, 1, 0).toArray()))
                .withMessage("bank state has balance 1000000000000001; "
                        + "it must be 0 to 1000000000000000");
    }

    @Test
    void negativeLastAppliedIsRefused() {
        assertThat(Bank.decodeState(header(0, 0, 1, 0).toArray()).lastApplied()).isZero();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(0, -1, 1, 0).toArray()))
                .withMessage("bank state has negative lastApplied -1");
    }

    @Test
    void maxClientsBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(0, 0, 0, 0).toArray()))
                .withMessage("bank state has maxClients 0; it must be at least 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(0, 0, -5, 0).toArray()))
                .withMessage("bank state has maxClients -5; it must be at least 1");
    }

    @Test
    void sessionCountUpToMaxClientsIsAcceptedBeyondIsRefused() {
        byte[] full = header(0, 9, 1, 1).client("a").i64(1).u8(1)
                .i64(0).i64(9).toArray();

        assertThat(Bank.decodeState(full).clientCount()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(0, 9, 1, 2).toArray()))
                .withMessage("bank state has 2 sessions; it must be 0 to maxClients, 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(header(0, 9, 1, -1).toArray()))
                .withMessage("bank state has -1 sessions; it must be 0 to maxClients, 1");
    }

    @Test
    void decodedMaxClientsIsTheLimitTheRestoredBankEvictsAt() {
        byte[] bytes = header(0, 0, 1, 0).toArray();
        Bank restored = Bank.decodeState(bytes);

        restored.apply(1, new Credit("alice", 1, 1));
        restored.apply(2, new Credit("bob", 1, 1));

        assertThat(restored.clientCount()).isEqualTo(1);
    }

    @Test
    void sessionWithAnEmptyClientNameIsRefused() {
        byte[] bytes = oneSession("", 1, 1, 0, 5);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has a bad session: client name is empty; "
                        + "a named client needs 1 to 64 characters");
    }

    @Test
    void sessionWithAForbiddenCharacterInItsClientNameIsRefused() {
        byte[] bytes = oneSession("al ce", 1, 1, 0, 5);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has a bad session: client name contains ' ' at "
                        + "index 2; only letters, digits, '_' and '-' are allowed");
    }

    @Test
    void sessionWithAClientNameLongerThanSixtyFourIsRefused() {
        byte[] bytes = header(0, 5, 2, 1).u8(65).toArray();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has client name length 65 at offset 25; "
                        + "at most 64 are allowed");
    }

    @Test
    void twoSessionsForOneClientAreRefused() {
        byte[] bytes = header(0, 5, 2, 2)
                .client("alice").i64(1).u8(1).i64(0).i64(1)
                .client("alice").i64(2).u8(1).i64(0).i64(2)
                .toArray();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has two sessions for client alice");
    }

    @Test
    void sessionSeqBelowOneIsRefused() {
        assertThat(Bank.decodeState(oneSession("alice", 1, 1, 0, 5)).clientCount()).isOne();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(oneSession("alice", 0, 1, 0, 5)))
                .withMessage("bank state has seq 0 for client alice; it must be at least 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 0x80, 0xff})
    void sessionWithAnUnknownOrStaleStatusIsRefused(int code) {
        byte[] bytes = oneSession("alice", 1, code, 0, 5);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(bytes))
                .withMessage("bank state has unknown outcome status " + code
                        + " for client alice");
    }

    @Test
    void sessionStatusCodesMapToTheirOutcomes() {
        Status[] expected = {Status.APPLIED, Status.INSUFFICIENT_FUNDS, Status.LIMIT_EXCEEDED};

        for (int code = 1; code <= 3; code++) {
            Bank restored = Bank.decodeState(oneSession("alice", 1, code, 70, 5));
            Outcome retry = restored.apply(6, new Credit("alice", 1, 1));

            assertThat(retry).isEqualTo(new Outcome(expected[code - 1], 70, 5));
        }
    }

    @Test
    void sessionOutcomeIndexUpToLastAppliedIsAcceptedBeyondIsRefused() {
        assertThat(Bank.decodeState(oneSession("alice", 1, 1, 0, 5)).clientCount()).isOne();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(oneSession("alice", 1, 1, 0, 6)))
                .withMessage("bank state has outcome index 6 for client alice, "
                        + "beyond lastApplied 5");
    }

    @Test
    void sessionOutcomeIndexBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(oneSession("alice", 1, 1, 0, 0)))
                .withMessage("bank state has a bad outcome for client alice: "
                        + "index must be at least 1, but was 0");
    }

    @Test
    void sessionOutcomeBalanceOutsideTheAccountsRangeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bank.decodeState(oneSession("alice", 1, 1, -1, 5)))
                .withMessage("bank state has a bad outcome for client alice: "
                        + "balance must be 0 to 1000000000000000 cents, but was -1");
    }

    @Test
    void randomBytesNeverThrowAnythingButIllegalArgument() {
        Random random = new Random(11);
        byte[] valid = BankTest.fillTo(1).encodeState();

        for (int i = 0; i < 20_000; i++) {
            byte[] bytes;
            if (random.nextBoolean()) {
                bytes = new byte[1 + random.nextInt(80)];
                random.nextBytes(bytes);
                bytes[0] = Bank.STATE_VERSION;
            } else {
                bytes = valid.clone();
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }

            Throwable thrown = catchThrowable(() -> Bank.decodeState(bytes));

            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    private static TestBytes header(long balance, long lastApplied, int maxClients, int count) {
        return new TestBytes()
                .u8(Bank.STATE_VERSION)
                .i64(balance)
                .i64(lastApplied)
                .i32(maxClients)
                .i32(count);
    }

    /** A state with lastApplied 5, room for two clients and one session as given. */
    private static byte[] oneSession(String client, long seq, int status, long balance,
            long index) {
        return header(0, 5, 2, 1)
                .client(client)
                .i64(seq)
                .u8(status)
                .i64(balance)
                .i64(index)
                .toArray();
    }

    /**
     * Random log entries: mostly named commands from a dozen clients (more than the table holds,
     * so eviction happens), with retries, stale seqs, anonymous commands and no-ops
     * ({@code null}). Credits dominate the first 2,500 entries and debits the next, so the
     * balance climbs to its limit and falls back to empty within one log.
     */
    private static List<Object> randomEntries(Random random, int count) {
        long[] nextSeq = new long[12];
        Arrays.fill(nextSeq, 1);
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean creditsDominate = (i / 2_500) % 2 == 0;
            boolean credit = random.nextInt(10) < (creditsDominate ? 9 : 1);
            long amount = random.nextInt(4) == 0
                    ? 1 + random.nextInt(10_000)
                    : Bank.MAX_AMOUNT - random.nextInt(10_000);
            int kind = random.nextInt(20);
            if (kind == 0) {
                entries.add(null);
            } else if (kind < 3) {
                entries.add(credit ? new Credit(amount) : new Debit(amount));
            } else {
                int c = random.nextInt(nextSeq.length);
                // Mostly a new seq; sometimes a retry of the latest or a stale one.
                int age = random.nextInt(10) < 8 ? 0 : random.nextInt(2) + 1;
                long seq = Math.max(1, nextSeq[c] - age);
                if (seq == nextSeq[c]) {
                    nextSeq[c]++;
                }
                String client = "client-" + c;
                entries.add(credit
                        ? new Credit(client, seq, amount)
                        : new Debit(client, seq, amount));
            }
        }
        return entries;
    }

    private static List<Outcome> applyAll(Bank bank, List<Object> entries, int from, int to) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (entries.get(i) instanceof BankCommand command) {
                outcomes.add(bank.apply(i + 1, command));
            } else {
                bank.applyNoop(i + 1);
                outcomes.add(null);
            }
        }
        return outcomes;
    }
}
