package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.raftteller.node.client.ParserAssertions.accepted;
import static org.raftteller.node.client.ParserAssertions.echoedId;
import static org.raftteller.node.client.ParserAssertions.refused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The id: a string or an integer, echoed unchanged, in answers to bad requests too. */
class IdEchoTest {

    private static final String ID_RULE = "id must be a string or an integer from "
            + "-9223372036854775808 to 9223372036854775807";

    @Test
    void stringIdIsKeptAsAString() {
        ClientRequest request = accepted("{\"id\":\"req-1\",\"op\":\"balance\"}");

        assertThat(request.id().isJsonPrimitive()).isTrue();
        assertThat(request.id().getAsJsonPrimitive().isString()).isTrue();
        assertThat(request.id().toString()).isEqualTo("\"req-1\"");
    }

    @Test
    void stringIdThatLooksLikeANumberStaysAString() {
        ClientRequest request = accepted("{\"id\":\"17\",\"op\":\"balance\"}");

        assertThat(request.id().toString()).isEqualTo("\"17\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-7", "-0", "9007199254740993", "9223372036854775807",
            "-9223372036854775808"})
    void integerIdKeepsItsDigitsExactly(String id) {
        ClientRequest request = accepted("{\"id\":" + id + ",\"op\":\"balance\"}");

        assertThat(request.id().getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(request.id().toString()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "\\u0000", "\\n", "東京", "\\\"quoted\\\""})
    void anyStringIsAnId(String id) {
        ClientRequest request = accepted("{\"id\":\"" + id + "\",\"op\":\"balance\"}");

        assertThat(request.id().getAsJsonPrimitive().isString()).isTrue();
    }

    @Test
    void absentIdIsNull() {
        ClientRequest request = accepted("{\"op\":\"balance\"}");

        assertThat(request.id()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e2", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890"})
    void numberIdThatIsNotALongIntegerIsRefusedAndNotEchoed(String id) {
        BadRequest bad = refused("{\"id\":" + id + ",\"op\":\"balance\"}");

        assertThat(bad.message()).isEqualTo(ID_RULE + ", but it is the number " + id);
        assertThat(bad.id()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "false", "{}", "{\"n\":1}", "[]", "[1]"})
    void idOfAnotherKindIsRefusedAndNotEchoed(String id) {
        BadRequest bad = refused("{\"id\":" + id + ",\"op\":\"balance\"}");

        assertThat(bad.message()).startsWith(ID_RULE + ", but it is ");
        assertThat(bad.id()).isNull();
    }

    @Test
    void invalidIdIsReportedBeforeAnyOtherFieldProblem() {
        BadRequest bad = refused("{\"id\":true,\"op\":\"withdraw\"}");

        assertThat(bad.message()).startsWith("id must be");
    }

    @Test
    void badRequestEchoesAStringId() {
        assertThat(echoedId("{\"id\":\"a\",\"op\":\"withdraw\"}")).isEqualTo("\"a\"");
    }

    @Test
    void badRequestEchoesAnIntegerIdWithItsDigits() {
        assertThat(echoedId("{\"id\":9223372036854775807,\"op\":\"credit\",\"amount\":0}"))
                .isEqualTo("9223372036854775807");
    }

    @Test
    void badRequestEchoesTheIdWhereverItStandsInTheObject() {
        assertThat(echoedId("{\"op\":\"credit\",\"amount\":12.5,\"id\":3}")).isEqualTo("3");
    }

    @Test
    void badRequestEchoesTheIdOfALineThatBreaksAfterIt() {
        assertThat(echoedId("{\"id\":5,\"op\":\"credit\",")).isEqualTo("5");
        assertThat(echoedId("{\"id\":5,\"op\":credit}")).isEqualTo("5");
        assertThat(echoedId("{\"id\":\"x\",\"op\":\"balance\"} trailing")).isEqualTo("\"x\"");
        assertThat(echoedId("{\"id\":\"x\",\"op\":\"balance\"}{\"id\":\"y\"}")).isEqualTo("\"x\"");
    }

    @Test
    void badRequestEchoesNoIdWhenTheLineBreaksBeforeTheIdIsComplete() {
        assertThat(echoedId("{\"op\":credit,\"id\":5}")).isNull();
        assertThat(echoedId("{\"id\":\"unterminated")).isNull();
        assertThat(echoedId("{\"id\":")).isNull();
    }

    @Test
    void numberIdEndingTheLineCountsAsReadBecauseTheClientEndedTheLineThere() {
        assertThat(echoedId("{\"id\":57")).isEqualTo("57");
    }

    @Test
    void badRequestEchoesTheIdWhenAnotherKeyRepeats() {
        assertThat(echoedId("{\"id\":8,\"op\":\"balance\",\"op\":\"balance\"}")).isEqualTo("8");
    }

    @Test
    void repeatedIdIsNotEchoedBecauseItIsAmbiguous() {
        BadRequest bad = refused("{\"id\":1,\"id\":2,\"op\":\"balance\"}");

        assertThat(bad.message()).isEqualTo("the key \"id\" appears more than once in an object");
        assertThat(bad.id()).isNull();
    }

    @Test
    void repeatedIdIsNotEchoedEvenWhenAnotherKeyRepeatedFirst() {
        BadRequest bad = refused("{\"op\":1,\"op\":2,\"id\":1,\"id\":2}");

        assertThat(bad.message()).isEqualTo("the key \"op\" appears more than once in an object");
        assertThat(bad.id()).isNull();
    }

    @Test
    void repeatedIdInsideAnotherFieldDoesNotStopTheEcho() {
        assertThat(echoedId("{\"id\":4,\"x\":{\"id\":1,\"id\":2},\"op\":\"balance\"}"))
                .isEqualTo("4");
    }

    @Test
    void idNestedInAnotherFieldIsNotTheRequestsId() {
        ClientRequest request = accepted("{\"x\":{\"id\":5},\"op\":\"balance\"}");
        BadRequest bad = refused("{\"x\":{\"id\":5},\"op\":\"nope\"}");

        assertThat(request.id()).isNull();
        assertThat(bad.id()).isNull();
    }

    @Test
    void invalidIdOfABrokenLineIsNotEchoed() {
        assertThat(echoedId("{\"id\":1.5,\"op\":")).isNull();
    }
}
