package org.raftteller.bank;

/**
 * Money as people type and read it: decimal units with at most two places ("12.50"), converted
 * to and from the whole cents the bank counts in. Cents are exact; a double would not be.
 */
public final class Money {

    private Money() {
    }

    /**
     * Parses a non-negative amount such as "12.50", "12.5", "12", "0.01" or "+3", allowing
     * surrounding whitespace. Anything else throws IllegalArgumentException with one sentence
     * saying what is wrong. Zero parses; whether zero is a valid amount is the command's call.
     */
    public static long parseCents(String text) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        String amount = text.strip();
        if (amount.isEmpty()) {
            throw new IllegalArgumentException("amount is empty");
        }
        String quoted = "amount \"" + amount + "\"";

        if (amount.charAt(0) == '-') {
            throw new IllegalArgumentException(quoted + " is negative");
        }
        String unsigned = amount.charAt(0) == '+' ? amount.substring(1) : amount;
        int point = unsigned.indexOf('.');
        boolean hasPoint = point >= 0;
        String units = hasPoint ? unsigned.substring(0, point) : unsigned;
        String decimals = hasPoint ? unsigned.substring(point + 1) : "";

        if (decimals.indexOf('.') >= 0) {
            throw new IllegalArgumentException(quoted + " has more than one decimal point");
        }
        requireDigits(quoted, units);
        requireDigits(quoted, decimals);
        if (units.isEmpty()) {
            throw new IllegalArgumentException(quoted + (hasPoint
                    ? " has no digits before the decimal point"
                    : " has no digits"));
        }
        if (hasPoint && decimals.isEmpty()) {
            throw new IllegalArgumentException(quoted + " has no digits after the decimal point");
        }
        if (decimals.length() > 2) {
            throw new IllegalArgumentException(quoted + " has more than two decimal places");
        }

        // "12.5" becomes the digits "1250": the amount in cents.
        String cents = units + (decimals + "00").substring(0, 2);
        long value = 0;
        try {
            for (int i = 0; i < cents.length(); i++) {
                value = Math.addExact(Math.multiplyExact(value, 10), cents.charAt(i) - '0');
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(quoted + " is too large; the most is "
                    + format(Long.MAX_VALUE));
        }
        return value;
    }

    /** Formats cents as units with two decimals and no grouping: "1000.00", "-5.00", "0.07". */
    public static String format(long cents) {
        // Math.abs of the parts, not of cents: Math.abs(Long.MIN_VALUE) is still negative.
        String sign = cents < 0 ? "-" : "";
        long units = Math.abs(cents / 100);
        long rest = Math.abs(cents % 100);
        return sign + units + "." + (rest < 10 ? "0" : "") + rest;
    }

    /** Like {@link #format} but always signed except at zero: "+12.50", "-5.00", "0.00". */
    public static String formatSigned(long cents) {
        return cents > 0 ? "+" + format(cents) : format(cents);
    }

    private static void requireDigits(String quoted, String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            // Only ASCII digits: Character.isDigit would accept other scripts' digits.
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(quoted + " contains "
                        + ClientNames.describe(c) + ", which is not a digit");
            }
        }
    }
}
