package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.client.ParserAssertions.accepted;
import static org.raftteller.node.client.ParserAssertions.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields of a request and their rules, DESIGN.md "Client protocol". */
class ClientRequestParserTest {

    private static final String AMOUNT_RULE =
            "amount must be an integer number of cents from 1 to 1000000000000";
    private static final String CLIENT_RULE =
            "client must be a string of 1 to 64 letters, digits, '_' or '-'";
    private static final String SEQ_RULE = "seq must be an integer from 1 to 9223372036854775807";

    // ---- op

    @Test
    void creditWithAmountIsAccepted() {
        ClientRequest request = accepted("{\"op\":\"credit\",\"amount\":1250}");

        assertThat(request.op()).isEqualTo(Op.CREDIT);
        assertThat(request.amount()).isEqualTo(1250);
        assertThat(request.id()).isNull();
        assertThat(request.client()).isNull();
        assertThat(request.seq()).isZero();
    }

    @Test
    void debitWithAmountIsAccepted() {
        ClientRequest request = accepted("{\"op\":\"debit\",\"amount\":500}");

        assertThat(request.op()).isEqualTo(Op.DEBIT);
        assertThat(request.amount()).isEqualTo(500);
    }

    @Test
    void balanceAndStatusNeedNoAmountAndReportZero() {
        ClientRequest balance = accepted("{\"op\":\"balance\"}");
        ClientRequest status = accepted("{\"op\":\"status\"}");

        assertThat(balance.op()).isEqualTo(Op.BALANCE);
        assertThat(balance.amount()).isZero();
        assertThat(status.op()).isEqualTo(Op.STATUS);
        assertThat(status.amount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1250", "0", "-3", "12.5", "\"lots\"", "null", "[1]", "{}",
            "99999999999999999999999"})
    void amountOnBalanceOrStatusIsIgnoredWhateverItIs(String amount) {
        ClientRequest balance = accepted("{\"op\":\"balance\",\"amount\":" + amount + "}");
        ClientRequest status = accepted("{\"op\":\"status\",\"amount\":" + amount + "}");

        assertThat(balance.amount()).isZero();
        assertThat(status.amount()).isZero();
    }

    @Test
    void missingOpIsRefused() {
        BadRequest bad = refused("{\"amount\":5}");

        assertThat(bad.message()).isEqualTo(
                "the request has no op; use \"credit\", \"debit\", \"balance\" or \"status\"");
    }

    @Test
    void unknownOpIsRefusedByName() {
        BadRequest bad = refused("{\"op\":\"withdraw\",\"amount\":5}");

        assertThat(bad.message()).startsWith("unknown op \"withdraw\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Credit\"", "\"CREDIT\"", "\" credit\"", "\"\""})
    void opIsCaseAndSpaceSensitive(String op) {
        BadRequest bad = refused("{\"op\":" + op + ",\"amount\":5}");

        assertThat(bad.message()).startsWith("unknown op");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "[\"credit\"]", "{\"name\":\"credit\"}"})
    void opThatIsNotAStringIsRefused(String op) {
        BadRequest bad = refused("{\"op\":" + op + ",\"amount\":5}");

        assertThat(bad.message()).startsWith("op must be a string");
    }

    @Test
    void aVeryLongUnknownOpIsQuotedOnlyInPart() {
        String op = "x".repeat(10_000);

        BadRequest bad = refused("{\"op\":\"" + op + "\"}");

        assertThat(bad.message()).hasSizeLessThan(200).contains("xxx...\"");
    }

    // ---- amount

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 999_999_999_999L, 1_000_000_000_000L})
    void amountsFromOneCentToTenBillionUnitsAreAccepted(long amount) {
        ClientRequest request = accepted("{\"op\":\"credit\",\"amount\":" + amount + "}");

        assertThat(request.amount()).isEqualTo(amount);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0", "1000000000001", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890"})
    void amountsOutsideTheRangeAreRefusedWithTheirValue(String amount) {
        BadRequest bad = refused("{\"op\":\"debit\",\"amount\":" + amount + "}");

        assertThat(bad.message()).isEqualTo(AMOUNT_RULE + ", but was " + amount);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "12.0", "1e3", "1E3", "1.5e2", "1e-2", "100e0", "-1.5"})
    void amountsWithAFractionOrExponentAreRefusedEvenWhenWhole(String amount) {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":" + amount + "}");

        assertThat(bad.message()).isEqualTo(AMOUNT_RULE
                + ", written without a fraction or exponent, but was " + amount);
    }

    @Test
    void amountAsAStringIsRefusedEvenWhenItHoldsDigits() {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":\"12\"}");

        assertThat(bad.message()).isEqualTo(AMOUNT_RULE + ", but it is a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "[12]", "{\"cents\":12}"})
    void amountOfAnotherKindIsRefusedNamingTheKind(String amount) {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":" + amount + "}");

        assertThat(bad.message()).startsWith(AMOUNT_RULE + ", but it is ");
    }

    @Test
    void creditWithoutAmountIsRefused() {
        BadRequest bad = refused("{\"op\":\"credit\"}");

        assertThat(bad.message()).isEqualTo(
                "credit needs an amount: an integer number of cents from 1 to 1000000000000");
    }

    @Test
    void debitWithoutAmountIsRefused() {
        BadRequest bad = refused("{\"op\":\"debit\"}");

        assertThat(bad.message()).startsWith("debit needs an amount");
    }

    // ---- client and seq

    @Test
    void clientAndSeqTogetherAreAccepted() {
        ClientRequest request = accepted(
                "{\"op\":\"credit\",\"amount\":5,\"client\":\"alice-2_B\",\"seq\":7}");

        assertThat(request.client()).isEqualTo("alice-2_B");
        assertThat(request.seq()).isEqualTo(7);
        assertThat(request.hasSession()).isTrue();
    }

    @Test
    void clientAndSeqAreCheckedOnBalanceToo() {
        ClientRequest request = accepted("{\"op\":\"balance\",\"client\":\"a\",\"seq\":1}");
        BadRequest bad = refused("{\"op\":\"balance\",\"client\":\"a\"}");

        assertThat(request.client()).isEqualTo("a");
        assertThat(bad.message()).isEqualTo("client is given without seq; give both or neither");
    }

    @Test
    void clientWithoutSeqIsRefused() {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":5,\"client\":\"alice\"}");

        assertThat(bad.message()).isEqualTo("client is given without seq; give both or neither");
    }

    @Test
    void seqWithoutClientIsRefused() {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":5,\"seq\":3}");

        assertThat(bad.message()).isEqualTo("seq is given without client; give both or neither");
    }

    @Test
    void clientOfOneAndOfSixtyFourCharactersIsAccepted() {
        String longest = "a".repeat(64);

        ClientRequest one = accepted("{\"op\":\"status\",\"client\":\"Z\",\"seq\":1}");
        ClientRequest most = accepted("{\"op\":\"status\",\"client\":\"" + longest
                + "\",\"seq\":1}");

        assertThat(one.client()).isEqualTo("Z");
        assertThat(most.client()).isEqualTo(longest);
    }

    @Test
    void clientOfSixtyFiveCharactersIsRefused() {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"" + "a".repeat(65)
                + "\",\"seq\":1}");

        assertThat(bad.message()).isEqualTo(CLIENT_RULE + ", but it has 65 characters");
    }

    @Test
    void emptyClientIsRefused() {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"\",\"seq\":1}");

        assertThat(bad.message()).isEqualTo(CLIENT_RULE + ", but it is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"al ice", "alice!", "al.ice", "ünal", "a/b", "a\\\\b", "a\\tb",
            "\\u0000", "東京"})
    void clientWithACharacterOutsideTheAlphabetIsRefused(String client) {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"" + client + "\",\"seq\":1}");

        assertThat(bad.message()).startsWith(CLIENT_RULE + ", but it contains ")
                .contains(" at index ");
    }

    @Test
    void clientWithASpaceNamesTheCharacterAndWhereItIs() {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"al ice\",\"seq\":1}");

        assertThat(bad.message()).isEqualTo(CLIENT_RULE + ", but it contains ' ' at index 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "null", "true", "[\"a\"]"})
    void clientThatIsNotAStringIsRefused(String client) {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":" + client + ",\"seq\":1}");

        assertThat(bad.message()).startsWith(CLIENT_RULE + ", but it is ");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, Long.MAX_VALUE})
    void seqFromOneToTheLargestLongIsAccepted(long seq) {
        ClientRequest request = accepted("{\"op\":\"status\",\"client\":\"a\",\"seq\":" + seq
                + "}");

        assertThat(request.seq()).isEqualTo(seq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0", "9223372036854775808", "1.5", "1e2", "2.0"})
    void seqThatIsNotAnIntegerFromOneIsRefusedWithItsValue(String seq) {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"a\",\"seq\":" + seq + "}");

        assertThat(bad.message()).isEqualTo(SEQ_RULE + ", but was " + seq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "null", "true", "[3]"})
    void seqThatIsNotANumberIsRefusedNamingTheKind(String seq) {
        BadRequest bad = refused("{\"op\":\"status\",\"client\":\"a\",\"seq\":" + seq + "}");

        assertThat(bad.message()).startsWith(SEQ_RULE + ", but it is ");
    }

    // ---- the object as a whole

    @Test
    void unknownFieldsAreIgnoredWhateverTheyHold() {
        ClientRequest request = accepted("{\"op\":\"credit\",\"note\":\"rent\",\"amount\":5,"
                + "\"extra\":{\"a\":[1,2,{\"b\":null}]},\"ID\":1.5,\"Amount\":-4}");

        assertThat(request.op()).isEqualTo(Op.CREDIT);
        assertThat(request.amount()).isEqualTo(5);
        assertThat(request.id()).isNull();
    }

    @Test
    void fieldsMayComeInAnyOrderAndWithSpaces() {
        ClientRequest request = accepted(
                " \t{ \"seq\" : 2 , \"client\" : \"c\" , \"amount\" : 9 , \"op\" : \"debit\" }\r");

        assertThat(request).isEqualTo(new ClientRequest(null, Op.DEBIT, 9, "c", 2));
    }

    @Test
    void escapedCharactersInStringsAreUnderstood() {
        ClientRequest request = accepted("{\"op\":\"\\u0063redit\",\"amount\":1}");

        assertThat(request.op()).isEqualTo(Op.CREDIT);
    }

    @Test
    void theFirstProblemFoundIsTheOneReported() {
        BadRequest bad = refused("{\"op\":\"withdraw\",\"amount\":0,\"client\":\"\"}");

        assertThat(bad.message()).startsWith("unknown op");
    }

    @Test
    void parsingTheSameLineTwiceGivesEqualRequests() {
        String line = "{\"id\":\"x\",\"op\":\"credit\",\"amount\":5,\"client\":\"c\",\"seq\":1}";

        assertThat(accepted(line)).isEqualTo(accepted(line));
    }
}
