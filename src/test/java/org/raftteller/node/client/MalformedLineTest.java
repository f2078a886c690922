package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.client.ParserAssertions.accepted;
import static org.raftteller.node.client.ParserAssertions.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines that are not one strict JSON object, and lines too long to read. */
class MalformedLineTest {

    private static final String NOT_JSON = "the line is not valid JSON";

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\r", "  \t \r "})
    void emptyOrBlankLineIsRefused(String line) {
        BadRequest bad = refused(line);

        assertThat(bad.message()).isEqualTo("the line is empty; send one JSON object per line");
        assertThat(bad.id()).isNull();
    }

    @Test
    void nullLineIsRefusedLikeAnEmptyOne() {
        ParsedRequest parsed = ClientRequestParser.parse(null);

        assertThat(parsed).isInstanceOf(BadRequest.class);
    }

    @Test
    void lineThatIsAnArrayIsRefusedAsNotAnObject() {
        BadRequest bad = refused("[{\"op\":\"balance\"}]");

        assertThat(bad.message()).isEqualTo("the line must be a JSON object, but it is an array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"balance\"", "42", "true", "null"})
    void lineThatIsAScalarIsRefusedAsNotAnObject(String line) {
        BadRequest bad = refused(line);

        assertThat(bad.message()).startsWith("the line must be a JSON object, but it is ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"balance\"", "{\"op\":", "{\"op\"", "{", "{\"op\":\"bal"})
    void truncatedObjectIsRefused(String line) {
        BadRequest bad = refused(line);

        assertThat(bad.message()).isIn("the line ends before its JSON object is complete",
                NOT_JSON);
    }

    @Test
    void objectCutAfterACompleteMemberSaysTheLineEndsEarly() {
        BadRequest bad = refused("{\"op\":\"balance\",");

        assertThat(bad.message()).isEqualTo("the line ends before its JSON object is complete");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{op:\"balance\"}",                         // unquoted name
        "{'op':'balance'}",                         // single quotes
        "{\"op\":\"balance\",}",                    // trailing comma
        "{\"op\":\"balance\" \"x\":1}",             // missing comma
        "{\"op\";\"balance\"}",                     // semicolon for colon
        "{\"op\":\"balance\",\"n\":NaN}",           // NaN
        "{\"op\":\"balance\",\"n\":Infinity}",      // Infinity
        "{\"op\":\"balance\",\"n\":01}",            // leading zero
        "{\"op\":\"balance\",\"n\":+1}",            // plus sign
        "{\"op\":\"balance\",\"n\":.5}",            // no digit before the point
        "{\"op\":\"balance\",\"n\":tru}",           // broken literal
        "{\"op\":\"balance\",\"s\":\"a\tb\"}",      // raw tab inside a string
        "{\"op\":\"balance\",\"s\":\"\\x\"}",       // invalid escape
        "{\"op\":\"balance\",\"s\":\"\\u12\"}",     // short unicode escape
        "{\"op\":\"balance\" /* c */}",             // comment
        "{\"op\":\"balance\",\"a\":[1,]}",          // trailing comma in a nested array
        "{\"op\":\"balance\",\"a\":{\"b\":'c'}}",   // single quotes nested
        "}{",
        "hello",
    })
    void syntaxThatStrictJsonForbidsIsRefused(String line) {
        BadRequest bad = refused(line);

        assertThat(bad.message()).isEqualTo(NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"op\":\"balance\"} x",
        "{\"op\":\"balance\"}{\"op\":\"status\"}",
        "{\"op\":\"balance\"} {\"op\":\"status\"}",
        "{\"op\":\"balance\"}}",
        "{\"op\":\"balance\"},",
        "{\"op\":\"balance\"} // comment",
        "{\"op\":\"balance\"};",
    })
    void anythingAfterTheObjectIsRefused(String line) {
        BadRequest bad = refused(line);

        assertThat(bad.message()).isEqualTo(
                "the line goes on after its JSON object; send exactly one object per line");
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        ClientRequest request = accepted("  {\"op\":\"balance\"}  \t\r");

        assertThat(request.op()).isEqualTo(Op.BALANCE);
    }

    @Test
    void repeatedKeyIsRefusedEvenWithTheSameValue() {
        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":5,\"amount\":5}");

        assertThat(bad.message())
                .isEqualTo("the key \"amount\" appears more than once in an object");
    }

    @Test
    void repeatedOpIsRefusedRatherThanGuessingWhichOneWins() {
        BadRequest bad = refused("{\"op\":\"credit\",\"op\":\"debit\",\"amount\":5}");

        assertThat(bad.message()).isEqualTo("the key \"op\" appears more than once in an object");
    }

    @Test
    void repeatedKeyInsideAnIgnoredFieldIsRefusedToo() {
        BadRequest bad = refused("{\"op\":\"balance\",\"x\":[{\"k\":1,\"k\":2}]}");

        assertThat(bad.message()).isEqualTo("the key \"k\" appears more than once in an object");
    }

    @Test
    void sameKeyInSeparateObjectsIsNotARepeat() {
        ClientRequest request = accepted(
                "{\"op\":\"balance\",\"x\":[{\"op\":1},{\"op\":2}],\"y\":{\"op\":3}}");

        assertThat(request.op()).isEqualTo(Op.BALANCE);
    }

    @Test
    void keysDifferingOnlyInCaseAreDifferentKeys() {
        ClientRequest request = accepted("{\"op\":\"balance\",\"OP\":\"credit\"}");

        assertThat(request.op()).isEqualTo(Op.BALANCE);
    }

    @Test
    void nestingUpToTheLimitIsAcceptedInAnIgnoredField() {
        // The line's object is level 1, so 63 more levels fit.
        String nested = "[".repeat(63) + "]".repeat(63);

        ClientRequest request = accepted("{\"op\":\"balance\",\"x\":" + nested + "}");

        assertThat(request.op()).isEqualTo(Op.BALANCE);
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String nested = "[".repeat(64) + "]".repeat(64);

        BadRequest bad = refused("{\"op\":\"balance\",\"x\":" + nested + "}");

        assertThat(bad.message()).isEqualTo(
                "the line nests objects and arrays deeper than 64 levels");
    }

    @Test
    void deepNestingFillingTheWholeLineIsRefusedWithoutOverflowingTheStack() {
        String nested = "{\"op\":\"balance\",\"x\":" + "[".repeat(60_000);

        BadRequest bad = refused(nested);

        assertThat(bad.message()).isEqualTo(
                "the line nests objects and arrays deeper than 64 levels");
    }

    @Test
    void replacementCharactersFromInvalidUtf8AreJustCharacters() {
        ClientRequest request = accepted("{\"op\":\"balance\",\"note\":\"\uFFFD\uFFFD\"}");
        BadRequest bad = refused("{\"op\":\"bal\uFFFDnce\"}");

        assertThat(request.op()).isEqualTo(Op.BALANCE);
        assertThat(bad.message()).startsWith("unknown op \"bal\uFFFDnce\"");
    }

    @Test
    void replacementCharacterOutsideAStringIsInvalidJson() {
        BadRequest bad = refused("{\"op\":\"balance\"}\uFFFD");

        assertThat(bad.message()).startsWith("the line goes on after its JSON object");
    }

    @Test
    void lineOfExactly64KiBIsRead() {
        String head = "{\"op\":\"balance\",\"pad\":\"";
        String tail = "\"}";
        String line = head + "x".repeat(ClientRequestParser.MAX_LINE_BYTES - head.length()
                - tail.length()) + tail;

        ClientRequest request = accepted(line);

        assertThat(line).hasSize(65536);
        assertThat(request.op()).isEqualTo(Op.BALANCE);
    }

    @Test
    void lineOneCharacterOver64KiBIsRefusedAsTooLong() {
        String head = "{\"id\":1,\"op\":\"balance\",\"pad\":\"";
        String tail = "\"}";
        String line = head + "x".repeat(ClientRequestParser.MAX_LINE_BYTES + 1 - head.length()
                - tail.length()) + tail;

        BadRequest bad = refused(line);

        assertThat(bad).isSameAs(ClientRequestParser.LINE_TOO_LONG);
        assertThat(bad.message()).isEqualTo("the line is longer than 64 KiB");
        assertThat(bad.id()).isNull();
    }

    @Test
    void aNumberOfAThousandDigitsIsReadAndQuotedOnlyInPart() {
        String digits = "9".repeat(1000);

        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":" + digits + "}");

        assertThat(bad.message()).startsWith(
                "amount must be an integer number of cents from 1 to 1000000000000, but was 999")
                .endsWith("...").hasSizeLessThan(200);
    }

    @Test
    void aNumberTooLongForGsonsBufferIsRefusedAsInvalidJson() {
        // Gson's strict reader gives up on a number literal longer than its 1024-char buffer.
        String digits = "9".repeat(60_000);

        BadRequest bad = refused("{\"op\":\"credit\",\"amount\":" + digits + "}");

        assertThat(bad.message()).isEqualTo(NOT_JSON);
    }
}
