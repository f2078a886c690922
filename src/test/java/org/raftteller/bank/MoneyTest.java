package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "\"{0}\" is {1} cents")
    @CsvSource(delimiter = '|', value = {
        "12.50 | 1250",
        "12.5  | 1250",
        "12    | 1200",
        "0.01  | 1",
        "0.1   | 10",
        "0.10  | 10",
        "0     | 0",
        "0.00  | 0",
        "+3    | 300",
        "+0.99 | 99",
        "007.5 | 750",
        "1000  | 100000",
        "9.09  | 909",
        "92233720368547758.07 | 9223372036854775807",
    })
    void decimalMoneyParsesToCents(String text, long cents) {
        long parsed = Money.parseCents(text);

        assertThat(parsed).isEqualTo(cents);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(Money.parseCents("  7.25\t")).isEqualTo(725);
        assertThat(Money.parseCents("\n+1 ")).isEqualTo(100);
    }

    @Test
    void missingAmountIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents(null))
                .withMessage("amount is missing");
    }

    @Test
    void emptyOrBlankAmountIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents(""))
                .withMessage("amount is empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents("   "))
                .withMessage("amount is empty");
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "-5         | amount \"-5\" is negative",
        "-0.01      | amount \"-0.01\" is negative",
        "12.345     | amount \"12.345\" has more than two decimal places",
        "0.001      | amount \"0.001\" has more than two decimal places",
        "1.2.3      | amount \"1.2.3\" has more than one decimal point",
        "1..2       | amount \"1..2\" has more than one decimal point",
        "12a        | amount \"12a\" contains 'a', which is not a digit",
        "abc        | amount \"abc\" contains 'a', which is not a digit",
        "1.x        | amount \"1.x\" contains 'x', which is not a digit",
        "`1 000`    | amount \"1 000\" contains ' ', which is not a digit",
        "`1,000.00` | amount \"1,000.00\" contains ',', which is not a digit",
        "1e3        | amount \"1e3\" contains 'e', which is not a digit",
        "++5        | amount \"++5\" contains '+', which is not a digit",
        "+-5        | amount \"+-5\" contains '-', which is not a digit",
        "/          | amount \"/\" contains '/', which is not a digit",
        ":          | amount \":\" contains ':', which is not a digit",
        "+          | amount \"+\" has no digits",
        ".5         | amount \".5\" has no digits before the decimal point",
        "+.5        | amount \"+.5\" has no digits before the decimal point",
        "12.        | amount \"12.\" has no digits after the decimal point",
        ".          | amount \".\" has no digits before the decimal point",
    })
    void malformedAmountIsRefusedWithOneSentenceSayingWhy(String text, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents(text))
                .withMessage(message);
    }

    @Test
    void digitsOfOtherScriptsAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents("\u0661\u0662"))
                .withMessage("amount \"\u0661\u0662\" contains U+0661, which is not a digit");
    }

    @Test
    void amountPastTheLongRangeIsRefused() {
        String message = " is too large; the most is 92233720368547758.07";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents("92233720368547758.08"))
                .withMessage("amount \"92233720368547758.08\"" + message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents("92233720368547759"))
                .withMessage("amount \"92233720368547759\"" + message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.parseCents("99999999999999999999999"))
                .withMessage("amount \"99999999999999999999999\"" + message);
    }

    @ParameterizedTest(name = "{0} cents is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "1250                 | 12.50",
        "-500                 | -5.00",
        "0                    | 0.00",
        "100000               | 1000.00",
        "7                    | 0.07",
        "-7                   | -0.07",
        "9                    | 0.09",
        "10                   | 0.10",
        "-10                  | -0.10",
        "99                   | 0.99",
        "101                  | 1.01",
        "9223372036854775807  | 92233720368547758.07",
        "-9223372036854775808 | -92233720368547758.08",
    })
    void centsFormatAsUnitsWithTwoDecimalsAndNoGrouping(long cents, String text) {
        String formatted = Money.format(cents);

        assertThat(formatted).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} cents is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "1250 | +12.50",
        "1    | +0.01",
        "-500 | -5.00",
        "-1   | -0.01",
        "0    | 0.00",
    })
    void signedFormatMarksCreditsWithPlusAndDebitsWithMinus(long cents, String text) {
        String formatted = Money.formatSigned(cents);

        assertThat(formatted).isEqualTo(text);
    }

    @Test
    void parsingWhatWasFormattedGivesBackTheSameCents() {
        Random random = new Random(3);

        for (int i = 0; i < 10_000; i++) {
            long cents = i < 1_000 ? i : random.nextLong() & Long.MAX_VALUE;

            long parsed = Money.parseCents(Money.format(cents));

            assertThat(parsed).isEqualTo(cents);
        }
    }
}
