package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<BankCommand> commands() {
        return Stream.of(
                new BankCommand.Credit(1),
                new BankCommand.Debit(1),
                new BankCommand.Credit(Bank.MAX_AMOUNT),
                new BankCommand.Debit(Bank.MAX_AMOUNT),
                new BankCommand.Credit("alice", 1, 1250),
                new BankCommand.Debit("bob-2_X", 42, 500),
                new BankCommand.Credit("z".repeat(64), Long.MAX_VALUE, Bank.MAX_AMOUNT),
                new BankCommand.Debit("Z9_-", 255, 256),
                new BankCommand.Credit("a", 0x0102030405060708L, 0x00_00_00E8_D4A5_1000L));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void decodeOfEncodeGivesBackTheSameCommand(BankCommand command) {
        byte[] bytes = CommandCodec.encode(command);

        assertThat(CommandCodec.decode(bytes)).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void encodedCommandIsNeverEmptySoItCannotBeMistakenForANoop(BankCommand command) {
        byte[] bytes = CommandCodec.encode(command);

        assertThat(bytes).isNotEmpty();
    }

    @Test
    void anonymousCreditHasTheDocumentedLayout() {
        BankCommand credit = new BankCommand.Credit(1250);

        byte[] bytes = CommandCodec.encode(credit);

        // version 1, op 1, amount 1250 (0x04E2), client length 0, no seq
        assertThat(HEX.formatHex(bytes)).isEqualTo("0101" + "00000000000004e2" + "00");
    }

    @Test
    void namedDebitHasTheDocumentedLayout() {
        BankCommand debit = new BankCommand.Debit("ab", 0x0102030405060708L, 0x7f);

        byte[] bytes = CommandCodec.encode(debit);

        // version 1, op 2, amount, client length 2, "ab", seq
        assertThat(HEX.formatHex(bytes))
                .isEqualTo("0102" + "000000000000007f" + "02" + "6162" + "0102030405060708");
    }

    @Test
    void longClientNameIsEncodedInFull() {
        String client = "c".repeat(64);

        byte[] bytes = CommandCodec.encode(new BankCommand.Credit(client, 1, 1));

        assertThat(bytes).hasSize(2 + 8 + 1 + 64 + 8);
        assertThat(bytes[10]).isEqualTo((byte) 64);
    }

    @Test
    void decodeOfNullIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(null))
                .withMessage("command bytes must not be null");
    }

    @Test
    void decodeOfEmptyBytesIsRefusedAsTruncated() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(new byte[0]))
                .withMessage("command is truncated: format version needs 1 bytes at offset 0 "
                        + "but only 0 remain");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0x7f, 0xff})
    void decodeOfUnknownFormatVersionIsRefused(int version) {
        byte[] bytes = CommandCodec.encode(new BankCommand.Credit(100));
        bytes[0] = (byte) version;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command has format version " + version
                        + "; only version 1 is understood");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 0xff})
    void decodeOfUnknownOpIsRefused(int op) {
        byte[] bytes = CommandCodec.encode(new BankCommand.Credit(100));
        bytes[1] = (byte) op;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command has unknown op " + op + "; expected 1 (credit) or 2 (debit)");
    }

    @Test
    void decodeReadsTheOpByteToTellCreditFromDebit() {
        byte[] bytes = CommandCodec.encode(new BankCommand.Credit("alice", 3, 100));
        bytes[1] = CommandCodec.OP_DEBIT;

        BankCommand command = CommandCodec.decode(bytes);

        assertThat(command).isEqualTo(new BankCommand.Debit("alice", 3, 100));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void decodeOfEveryProperPrefixIsRefusedAsTruncated(BankCommand command) {
        byte[] whole = CommandCodec.encode(command);

        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);

            assertThatIllegalArgumentException()
                    .as("prefix of %d bytes", length)
                    .isThrownBy(() -> CommandCodec.decode(prefix))
                    .withMessageStartingWith("command is truncated: ");
        }
    }

    @Test
    void truncationMessageNamesTheFieldOffsetAndWhatRemains() {
        byte[] whole = CommandCodec.encode(new BankCommand.Debit("abc", 9, 100));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(Arrays.copyOf(whole, 5)))
                .withMessage("command is truncated: amount needs 8 bytes at offset 2 "
                        + "but only 3 remain");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(Arrays.copyOf(whole, 10)))
                .withMessage("command is truncated: client name length needs 1 bytes "
                        + "at offset 10 but only 0 remain");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(Arrays.copyOf(whole, 13)))
                .withMessage("command is truncated: client name needs 3 bytes at offset 11 "
                        + "but only 2 remain");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(Arrays.copyOf(whole, 20)))
                .withMessage("command is truncated: seq needs 8 bytes at offset 14 "
                        + "but only 6 remain");
    }

    @Test
    void decodeWithTrailingBytesIsRefused() {
        byte[] whole = CommandCodec.encode(new BankCommand.Credit("alice", 1, 100));
        byte[] longer = Arrays.copyOf(whole, whole.length + 2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(longer))
                .withMessage("command has 2 trailing bytes after offset " + whole.length);
    }

    @Test
    void anonymousCommandFollowedByASeqIsRefusedAsTrailingBytes() {
        byte[] anonymous = CommandCodec.encode(new BankCommand.Debit(100));
        byte[] withSeq = Arrays.copyOf(anonymous, anonymous.length + 8);
        withSeq[withSeq.length - 1] = 1;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(withSeq))
                .withMessage("command has 8 trailing bytes after offset 11");
    }

    @Test
    void clientNameLengthOfSixtyFourIsReadButSixtyFiveIsRefused() {
        byte[] longest = CommandCodec.encode(new BankCommand.Credit("q".repeat(64), 1, 1));
        byte[] tooLong = new TestBytes()
                .u8(1).u8(1).i64(1).client("q".repeat(65)).i64(1)
                .toArray();

        assertThat(CommandCodec.decode(longest).client()).hasSize(64);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(tooLong))
                .withMessage("command has client name length 65 at offset 10; "
                        + "at most 64 are allowed");
    }

    @Test
    void clientNameLengthAboveOneHundredTwentySevenIsReadAsUnsigned() {
        byte[] bytes = new TestBytes()
                .u8(1).u8(1).i64(1).u8(200)
                .toArray();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command has client name length 200 at offset 10; "
                        + "at most 64 are allowed");
    }

    @Test
    void clientNameWithAForbiddenCharacterIsRefused() {
        byte[] bytes = CommandCodec.encode(new BankCommand.Credit("alice", 1, 100));
        bytes[13] = ' ';

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command is invalid: client name contains ' ' at index 2; "
                        + "only letters, digits, '_' and '-' are allowed");
    }

    @Test
    void clientNameWithANonAsciiByteIsRefusedByCodePoint() {
        byte[] bytes = CommandCodec.encode(new BankCommand.Credit("alice", 1, 100));
        bytes[11] = (byte) 0xE9;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessageContaining("client name contains U+00E9 at index 0");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Bank.MAX_AMOUNT + 1, Long.MIN_VALUE, Long.MAX_VALUE})
    void outOfRangeAmountIsRefused(long amount) {
        byte[] bytes = new TestBytes()
                .u8(1).u8(2).i64(amount).u8(0)
                .toArray();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command is invalid: amount must be 1 to 1000000000000 cents, "
                        + "but was " + amount);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void namedCommandWithSeqBelowOneIsRefused(long seq) {
        byte[] bytes = new TestBytes()
                .u8(1).u8(1).i64(100).client("bob").i64(seq)
                .toArray();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decode(bytes))
                .withMessage("command is invalid: seq must be at least 1 for client bob, "
                        + "but was " + seq);
    }

    @Test
    void randomBytesNeverThrowAnythingButIllegalArgument() {
        Random random = new Random(20240611L);

        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 1 && random.nextBoolean()) {
                bytes[0] = CommandCodec.VERSION;
                bytes[1] = (byte) (1 + random.nextInt(2));
            }

            Throwable thrown = catchThrowable(() -> CommandCodec.decode(bytes));

            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void corruptingAnyByteOfAValidCommandGivesAnotherValidCommandOrIllegalArgument() {
        byte[] valid = CommandCodec.encode(new BankCommand.Debit("teller-1", 12, 99_999));
        Random random = new Random(7);

        for (int i = 0; i < 5_000; i++) {
            byte[] corrupt = valid.clone();
            corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);

            Throwable thrown = catchThrowable(() -> {
                BankCommand decoded = CommandCodec.decode(corrupt);
                assertThat(CommandCodec.encode(decoded)).isEqualTo(corrupt);
            });

            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
