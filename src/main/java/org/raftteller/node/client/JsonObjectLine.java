package org.raftteller.node.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads one line that must hold exactly one JSON object, strictly (RFC 8259, no comments, no
 * single quotes, no trailing commas, nothing after the object), into its top-level members.
 *
 * <p>Every message of the client protocol, and every result nodes pass between them, is a flat
 * object, so only the top level is kept: a scalar member keeps its kind and its exact text (a
 * number's digits as written, never rounded through a double), a nested object or array only its
 * kind. Nested values are still read, so invalid JSON anywhere in the line is caught.
 *
 * <p>A key repeated within any object of the line is refused: JSON leaves its meaning open, and
 * parsers disagree on which copy wins, so a request with two {@code amount}s is ambiguous.
 *
 * <p>Reading is iterative, never recursive, and nesting is capped, so no line can exhaust the
 * stack. One instance reads one line.
 */
final class JsonObjectLine {

    /** How deep objects and arrays may nest, the line's own object counting as level 1. */
    static final int MAX_DEPTH = 64;

    // Arrays have no keys; one shared, never-filled set stands for each open array.
    private static final Set<String> ARRAY = Collections.emptySet();

    /** A top-level member's value: its kind and, for a scalar, its text as written. */
    record Value(JsonToken kind, String text) {

        boolean isString() {
            return kind == JsonToken.STRING;
        }

        boolean isNumber() {
            return kind == JsonToken.NUMBER;
        }

        /** Whether this is a number written as an integer: no fraction, no exponent. */
        boolean isIntegerNumber() {
            return isNumber() && RequestRules.isIntegerText(text);
        }

        /** The value as a long, if it is an integer number that fits in one. */
        OptionalLong asLong() {
            if (isNumber() && RequestRules.isLongInteger(text)) {
                return OptionalLong.of(Long.parseLong(text));
            }
            return OptionalLong.empty();
        }

        /** What this value is, as a message names it: "a string", "an array", "null", ... */
        String describeKind() {
            return describe(kind);
        }
    }

    /** Why the line is not one valid JSON object, as one sentence for a client. */
    static final class MalformedLine extends Exception {

        MalformedLine(String sentence) {
            super(sentence, null, false, false);
        }
    }

    private final String line;
    private final Map<String, Value> members = new LinkedHashMap<>();
    private final Set<String> repeatedMembers = new HashSet<>();
    private String duplicateKey;

    JsonObjectLine(String line) {
        this.line = line;
    }

    /**
     * Reads the line. Afterwards, and also after a MalformedLine, {@link #members()} holds the
     * top-level members read so far (the first copy of a repeated key), so that a caller can
     * still find, say, the id of a request whose end is broken.
     */
    void read() throws MalformedLine {
        if (isJsonWhitespace(line)) {
            throw new MalformedLine("the line is empty; send one JSON object per line");
        }
        JsonReader reader = new JsonReader(new StringReader(line));
        reader.setStrictness(Strictness.STRICT);

        try {
            JsonToken first = reader.peek();
            if (first != JsonToken.BEGIN_OBJECT) {
                throw new MalformedLine("the line must be a JSON object, but it is "
                        + describe(first));
            }
            readObject(reader);
        } catch (EOFException e) {
            throw new MalformedLine("the line ends before its JSON object is complete");
        } catch (IOException | RuntimeException e) {
            // MalformedJsonException for bad syntax. Any other exception from Gson is caught
            // too: whatever the input, the caller gets a sentence, never a stack trace.
            throw new MalformedLine("the line is not valid JSON");
        }
        requireNothingAfterObject(reader);
        if (duplicateKey != null) {
            throw new MalformedLine("the key \"" + Sentences.quote(duplicateKey)
                    + "\" appears more than once in an object");
        }
    }

    /** The top-level members in the order they first appear. */
    Map<String, Value> members() {
        return Collections.unmodifiableMap(members);
    }

    /** Whether the line's own object has this key more than once (so far). */
    boolean isRepeated(String name) {
        return repeatedMembers.contains(name);
    }

    private void readObject(JsonReader reader) throws IOException, MalformedLine {
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            Value value = readValue(reader);
            if (members.containsKey(name)) {
                repeatedMembers.add(name);
                noteDuplicate(name);
            } else {
                members.put(name, value);
            }
        }
        reader.endObject();
    }

    private Value readValue(JsonReader reader) throws IOException, MalformedLine {
        JsonToken kind = reader.peek();
        switch (kind) {
            case STRING:
            case NUMBER:
                // For a number, nextString gives the digits exactly as written.
                return new Value(kind, reader.nextString());
            case BOOLEAN:
                return new Value(kind, Boolean.toString(reader.nextBoolean()));
            case NULL:
                reader.nextNull();
                return new Value(kind, "null");
            case BEGIN_OBJECT:
            case BEGIN_ARRAY:
                readNested(reader);
                return new Value(kind, null);
            default:
                throw new IllegalStateException("a value cannot start with " + kind);
        }
    }

    /** Reads a nested object or array to its end, checking its keys, without keeping it. */
    private void readNested(JsonReader reader) throws IOException, MalformedLine {
        Deque<Set<String>> open = new ArrayDeque<>();
        do {
            JsonToken token = reader.peek();
            switch (token) {
                case BEGIN_OBJECT:
                    requireRoomToNest(open);
                    reader.beginObject();
                    open.push(new HashSet<>());
                    break;
                case BEGIN_ARRAY:
                    requireRoomToNest(open);
                    reader.beginArray();
                    open.push(ARRAY);
                    break;
                case END_OBJECT:
                    reader.endObject();
                    open.pop();
                    break;
                case END_ARRAY:
                    reader.endArray();
                    open.pop();
                    break;
                case NAME:
                    String name = reader.nextName();
                    if (!open.element().add(name)) {
                        noteDuplicate(name);
                    }
                    break;
                default:
                    // Read, not skipValue: skipping a string does not check its escapes.
                    readValue(reader);
                    break;
            }
        } while (!open.isEmpty());
    }

    private static void requireRoomToNest(Deque<Set<String>> open) throws MalformedLine {
        // The line's own object is level 1, so open.size() + 1 levels are open already.
        if (open.size() + 2 > MAX_DEPTH) {
            throw new MalformedLine("the line nests objects and arrays deeper than "
                    + MAX_DEPTH + " levels");
        }
    }

    private void noteDuplicate(String name) {
        if (duplicateKey == null) {
            duplicateKey = name;
        }
    }

    private static void requireNothingAfterObject(JsonReader reader) throws MalformedLine {
        boolean ended;
        try {
            ended = reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | RuntimeException e) {
            // A strict reader refuses a second top-level value rather than peeking at it.
            ended = false;
        }
        if (!ended) {
            throw new MalformedLine("the line goes on after its JSON object; "
                    + "send exactly one object per line");
        }
    }

    private static boolean isJsonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    static String describe(JsonToken kind) {
        switch (kind) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case BEGIN_OBJECT:
                return "an object";
            case BEGIN_ARRAY:
                return "an array";
            default:
                return kind.toString();
        }
    }
}
