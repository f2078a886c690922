package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BankCommandTest {

    /** A command kind, so every rule is checked for credits and debits alike. */
    interface Maker {
        BankCommand make(String client, long seq, long amount);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("credit", (Maker) BankCommand.Credit::new),
                Arguments.of("debit", (Maker) BankCommand.Debit::new));
    }

    @Test
    void anonymousShorthandMakesEmptyClientAndSeqZero() {
        BankCommand credit = new BankCommand.Credit(1250);
        BankCommand debit = new BankCommand.Debit(500);

        assertThat(credit).isEqualTo(new BankCommand.Credit("", 0, 1250));
        assertThat(debit).isEqualTo(new BankCommand.Debit("", 0, 500));
        assertThat(credit.isAnonymous()).isTrue();
        assertThat(debit.isAnonymous()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void namedCommandKeepsClientSeqAndAmount(String kind, Maker maker) {
        BankCommand command = maker.make("alice", 7, 1250);

        assertThat(command.client()).isEqualTo("alice");
        assertThat(command.seq()).isEqualTo(7);
        assertThat(command.amount()).isEqualTo(1250);
        assertThat(command.isAnonymous()).isFalse();
    }

    @Test
    void creditAndDebitOfSameFieldsAreDifferentCommands() {
        BankCommand credit = new BankCommand.Credit("alice", 1, 100);
        BankCommand debit = new BankCommand.Debit("alice", 1, 100);

        assertThat(credit).isNotEqualTo(debit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void amountOfOneCentAndOfMaxAmountAreAccepted(String kind, Maker maker) {
        assertThat(maker.make("", 0, 1).amount()).isEqualTo(1);
        assertThat(maker.make("", 0, Bank.MAX_AMOUNT).amount()).isEqualTo(1_000_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void amountOfZeroIsRefused(String kind, Maker maker) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("", 0, 0))
                .withMessage("amount must be 1 to 1000000000000 cents, but was 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void amountOneCentAboveMaxAmountIsRefused(String kind, Maker maker) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("bob", 1, Bank.MAX_AMOUNT + 1))
                .withMessage("amount must be 1 to 1000000000000 cents, but was 1000000000001");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void negativeAmountIsRefused(String kind, Maker maker) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("", 0, -5))
                .withMessageContaining("but was -5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("", 0, Long.MIN_VALUE))
                .withMessageContaining("amount must be 1 to");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nullClientIsRefused(String kind, Maker maker) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make(null, 0, 100))
                .withMessage("client must not be null; use \"\" for an anonymous command");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anonymousCommandWithSeqIsRefused(String kind, Maker maker) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("", 1, 100))
                .withMessage("an anonymous command must have seq 0, but seq was 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("", -1, 100))
                .withMessage("an anonymous command must have seq 0, but seq was -1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void namedCommandNeedsSeqOfAtLeastOne(String kind, Maker maker) {
        assertThat(maker.make("alice", 1, 100).seq()).isEqualTo(1);
        assertThat(maker.make("alice", Long.MAX_VALUE, 100).seq()).isEqualTo(Long.MAX_VALUE);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("alice", 0, 100))
                .withMessage("seq must be at least 1 for client alice, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make("alice", -3, 100))
                .withMessage("seq must be at least 1 for client alice, but was -3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void clientNameOfOneAndOfSixtyFourCharactersIsAccepted(String kind, Maker maker) {
        String longest = "a".repeat(64);

        assertThat(maker.make("x", 1, 100).client()).isEqualTo("x");
        assertThat(maker.make(longest, 1, 100).client()).isEqualTo(longest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void clientNameOfSixtyFiveCharactersIsRefused(String kind, Maker maker) {
        String tooLong = "a".repeat(65);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> maker.make(tooLong, 1, 100))
                .withMessage("client name is 65 characters long; at most 64 are allowed");
    }

    @ParameterizedTest
    @ValueSource(chars = {'a', 'm', 'z', 'A', 'M', 'Z', '0', '5', '9', '_', '-'})
    void everyAllowedClientCharacterIsAccepted(char c) {
        String client = "x" + c + "y";

        BankCommand command = new BankCommand.Credit(client, 1, 100);

        assertThat(command.client()).isEqualTo(client);
    }

    @ParameterizedTest
    @ValueSource(chars = {'`', '{', '@', '[', '/', ':', ' ', '.', '+', '~', '!'})
    void printableCharacterNextToAllowedOnesIsRefusedByName(char c) {
        String client = "ab" + c;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BankCommand.Debit(client, 1, 100))
                .withMessage("client name contains '" + c + "' at index 2; only letters, "
                        + "digits, '_' and '-' are allowed");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u00e9', '\u0000', '\n', '\u007f', '\u0661', '\ud83d'})
    void nonAsciiOrControlCharacterIsRefusedByCodePoint(char c) {
        String client = c + "b";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BankCommand.Credit(client, 1, 100))
                .withMessage("client name contains " + String.format("U+%04X", (int) c)
                        + " at index 0; only letters, digits, '_' and '-' are allowed");
    }

    @Test
    void characterDescriptionsQuotePrintableAsciiOnly() {
        Function<Character, String> describe = ClientNames::describe;

        assertThat(describe.apply(' ')).isEqualTo("' '");
        assertThat(describe.apply('~')).isEqualTo("'~'");
        assertThat(describe.apply('\u001f')).isEqualTo("U+001F");
        assertThat(describe.apply('\u007f')).isEqualTo("U+007F");
        assertThat(describe.apply('\u00e9')).isEqualTo("U+00E9");
    }
}
