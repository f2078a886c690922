package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * Bad input never takes a node down (DESIGN.md): thousands of random and mutated lines, and not
 * one makes the parser throw, and every answer it leads to is one line of valid JSON. Seeds are
 * fixed, so a failure names a line that fails again.
 */
class ParserFuzzTest {

    private static final int LINES = 10_000;

    private static final List<String> VALID_LINES = List.of(
            "{\"id\":1,\"op\":\"credit\",\"amount\":1250}",
            "{\"id\":\"r-7\",\"op\":\"debit\",\"amount\":5,\"client\":\"alice\",\"seq\":3}",
            "{\"op\":\"balance\"}",
            "{\"id\":9223372036854775807,\"op\":\"status\",\"extra\":[1,{\"a\":null},\"x\"]}",
            "{ \"op\" : \"credit\" , \"amount\" : 1000000000000 , \"note\" : \"\\u00e9\\n\" }");

    // Characters that matter to JSON, plus some that only matter to a careless decoder.
    private static final String ALPHABET = "{}[]\":,.-+eE0123456789 \t\r\n\\/utrfnalsbcdiopmqx"
            + "\u0000\u001f\u007f\u00e9\u2028\uFFFD\uFEFF\uD83D\uDE00\uD800";

    // The parser's answer when it caught an exception of its own: a bug, never expected here.
    private static final String PARSER_BUG = "the line could not be read as a request";

    private static final Set<String> SYNTAX_MESSAGES = Set.of(
            "the line is not valid JSON",
            "the line ends before its JSON object is complete",
            "the line goes on after its JSON object; send exactly one object per line");

    @Test
    void randomLinesNeverMakeTheParserThrow() {
        Random random = new Random(20240601);

        for (int i = 0; i < LINES; i++) {
            String line = randomText(random, random.nextInt(60));

            checkParses(line);
        }
    }

    @Test
    void mutatedValidLinesNeverMakeTheParserThrow() {
        Random random = new Random(42);

        for (int i = 0; i < LINES; i++) {
            String line = mutate(random, VALID_LINES.get(random.nextInt(VALID_LINES.size())));

            checkParses(line);
        }
    }

    @Test
    void randomValidObjectsAreAlwaysReadAsJson() {
        Random random = new Random(7);

        for (int i = 0; i < LINES / 4; i++) {
            String line = randomRequestObject(random);

            ParsedRequest parsed = checkParses(line);

            if (parsed instanceof BadRequest
                    && SYNTAX_MESSAGES.contains(((BadRequest) parsed).message())) {
                fail("a valid object was read as invalid JSON: " + line);
            }
        }
    }

    @Test
    void mutatedResultsNeverMakeFromJsonThrowAnythingButIllegalArgument() {
        Random random = new Random(11);
        List<String> results = List.of(
                OperationResult.success(Op.CREDIT, 1250, 17, 3, 1).toJson(),
                OperationResult.failure(ErrorCode.INSUFFICIENT_FUNDS, "short").withBalance(5)
                        .withLeader(2).toJson());

        for (int i = 0; i < LINES; i++) {
            String json = mutate(random, results.get(random.nextInt(results.size())));

            Throwable thrown = catchThrowable(() -> OperationResult.fromJson(json));

            if (thrown != null && !(thrown instanceof IllegalArgumentException)) {
                throw new AssertionError("fromJson threw " + thrown + " for " + json, thrown);
            }
        }
    }

    /**
     * Parses, and checks that whatever came out can be answered on one line. Plain checks with
     * a message built only on failure: AssertJ descriptions for thousands of lines cost seconds.
     */
    private static ParsedRequest checkParses(String line) {
        ParsedRequest parsed;
        try {
            parsed = ClientRequestParser.parse(line);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw for " + line, e);
        }

        if (parsed instanceof ClientRequest) {
            ClientRequest request = (ClientRequest) parsed;
            if (!request.equals(ClientRequestParser.parse(request.toLine()))) {
                fail("the request of " + line + " does not survive toLine: " + request);
            }
        } else if (parsed instanceof BadRequest) {
            BadRequest bad = (BadRequest) parsed;
            if (bad.message().isBlank() || bad.message().equals(PARSER_BUG)) {
                fail("the refusal of " + line + " says \"" + bad.message() + "\"");
            }
            String answer = ClientResponse.format(bad, 1);
            JsonObject object = JsonParser.parseString(answer).getAsJsonObject();
            if (answer.contains("\n") || answer.contains("\r")
                    || !object.get("error").getAsString().equals("bad_request")) {
                fail("the answer to " + line + " is not one bad_request line: " + answer);
            }
        } else {
            fail("parse gave " + parsed + " for " + line);
        }
        return parsed;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(randomChar(random));
        }
        return text.toString();
    }

    private static char randomChar(Random random) {
        return random.nextInt(10) == 0
                ? (char) random.nextInt(Character.MAX_VALUE + 1)
                : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }

    private static String mutate(Random random, String line) {
        StringBuilder text = new StringBuilder(line);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(6)) {
                case 0:
                    text.insert(at, randomChar(random));
                    break;
                case 1:
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                    break;
                case 2:
                    if (text.length() > 0) {
                        text.setCharAt(at, randomChar(random));
                    }
                    break;
                case 3:
                    text.setLength(at);
                    break;
                case 4:
                    text.insert(at, text.substring(at, Math.min(text.length(), at + 8)));
                    break;
                default:
                    text.append(VALID_LINES.get(random.nextInt(VALID_LINES.size())));
                    break;
            }
        }
        return text.toString();
    }

    /** A syntactically valid object of known and unknown fields with values of every kind. */
    private static String randomRequestObject(Random random) {
        List<String> names = List.of("id", "op", "amount", "client", "seq", "note", "x");
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(names.size() + 1);
        // Distinct names: a repeated key is refused before its syntax would matter.
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < fields; i++) {
            object.append(i == 0 ? "" : ",").append('"').append(shuffled.get(i)).append("\":")
                    .append(randomValue(random, 0));
        }
        return object.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 12 : 10);
        switch (kind) {
            case 0:
                return List.of("\"credit\"", "\"debit\"", "\"balance\"", "\"status\"")
                        .get(random.nextInt(4));
            case 1:
                return Long.toString(random.nextLong());
            case 2:
                return Long.toString(random.nextInt(2000) - 1000);
            case 3:
                return "1" + "0".repeat(random.nextInt(25));
            case 4:
                return random.nextInt(1000) + "." + random.nextInt(100);
            case 5:
                return random.nextInt(10) + "e" + random.nextInt(5);
            case 6:
                return "\"" + "abc_-Z9 é".substring(random.nextInt(9)) + "\"";
            case 7:
                return List.of("true", "false", "null").get(random.nextInt(3));
            case 8:
                return "\"" + "c".repeat(random.nextInt(70)) + "\"";
            case 9:
                return "\"\\u0041\\n\\\"\"";
            case 10:
                return "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1)
                        + "]";
            default:
                return "{\"k\":" + randomValue(random, depth + 1) + "}";
        }
    }
}
