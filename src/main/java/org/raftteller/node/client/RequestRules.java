package org.raftteller.node.client;

import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import org.raftteller.bank.Bank;

/**
 * The field rules of the client protocol (DESIGN.md), kept in one place so that the parser and
 * the constructor of {@link ClientRequest} accept exactly the same requests and explain a
 * refusal in the same words.
 */
final class RequestRules {

    static final long MAX_AMOUNT = Bank.MAX_AMOUNT;
    static final int MAX_CLIENT_LENGTH = 64;

    static final String AMOUNT_RULE =
            "amount must be an integer number of cents from 1 to " + MAX_AMOUNT;
    static final String CLIENT_RULE = "client must be a string of 1 to " + MAX_CLIENT_LENGTH
            + " letters, digits, '_' or '-'";
    static final String SEQ_RULE = "seq must be an integer from 1 to " + Long.MAX_VALUE;
    static final String ID_RULE = "id must be a string or an integer from " + Long.MIN_VALUE
            + " to " + Long.MAX_VALUE;
    static final String OP_CHOICES = "\"credit\", \"debit\", \"balance\" or \"status\"";

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private RequestRules() {
    }

    /** What is wrong with an amount in cents, or null if it is a valid credit or debit. */
    static String amountProblem(long amount) {
        if (amount < 1 || amount > MAX_AMOUNT) {
            return AMOUNT_RULE + ", but was " + amount;
        }
        return null;
    }

    /** What is wrong with a client's name, or null if it is valid. */
    static String clientProblem(String client) {
        if (client.isEmpty()) {
            return CLIENT_RULE + ", but it is empty";
        }
        if (client.length() > MAX_CLIENT_LENGTH) {
            return CLIENT_RULE + ", but it has " + client.length() + " characters";
        }
        for (int i = 0; i < client.length(); i++) {
            char c = client.charAt(i);
            if (!isAllowedInClient(c)) {
                return CLIENT_RULE + ", but it contains " + Sentences.describe(c)
                        + " at index " + i;
            }
        }
        return null;
    }

    /** What is wrong with a seq, or null if it is valid. */
    static String seqProblem(long seq) {
        if (seq < 1) {
            return SEQ_RULE + ", but was " + seq;
        }
        return null;
    }

    // ASCII ranges on purpose: Character.isLetterOrDigit would let in other scripts' letters.
    private static boolean isAllowedInClient(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
    }

    /** Whether a number's text is an integer: no fraction, no exponent, any size. */
    static boolean isIntegerText(String text) {
        return INTEGER.matcher(text).matches();
    }

    /** Whether a number's text is an integer, without fraction or exponent, that fits a long. */
    static boolean isLongInteger(String text) {
        if (!isIntegerText(text)) {
            return false;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The id as a request carries it: null when absent (Java null or JSON null), else the element
     * itself, unchanged, if it is a string or an integer that fits a long.
     *
     * @throws IllegalArgumentException for any other element
     */
    static JsonElement requireValidId(JsonElement id) {
        if (id == null || id.isJsonNull()) {
            return null;
        }
        if (id.isJsonPrimitive()) {
            JsonPrimitive primitive = id.getAsJsonPrimitive();
            if (primitive.isString()) {
                return id;
            }
            if (primitive.isNumber() && isLongInteger(primitive.getAsNumber().toString())) {
                return id;
            }
        }
        throw new IllegalArgumentException(ID_RULE + ", but was " + Sentences.quote(id.toString()));
    }
}
