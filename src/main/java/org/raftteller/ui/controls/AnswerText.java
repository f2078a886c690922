package org.raftteller.ui.controls;

import java.util.Locale;

import org.raftteller.bank.Money;
import org.raftteller.cluster.Answer;

/** An answer from the cluster in words: what the balance is, who served it, who committed it. */
public final class AnswerText {

    private AnswerText() {
    }

    /**
     * @param what "Credit 12.50", "Debit 5.00" or "Query"
     */
    public static String of(String what, Answer a) {
        if (a.ok()) {
            String balance = a.balance() == null ? "unknown" : Money.format(a.balance());
            String leader = a.leader() == null ? "the leader" : "leader node " + a.leader();
            String at = a.index() == null ? "" : " at index " + a.index()
                    + (a.term() == null ? "" : " (term " + a.term() + ")");
            if (what.startsWith("Query")) {
                return "Balance " + balance + ". Read through node " + a.node() + ", confirmed by "
                        + leader + at + ".";
            }
            return what + " done: the balance is now " + balance + ". Served by node " + a.node()
                    + ", committed by " + leader + at + ".";
        }
        return what + " failed: " + errorWords(a.error()) + ". " + sentence(a.message())
                + nothingChanged(a.error());
    }

    /** The error code in words: insufficient_funds becomes "insufficient funds". */
    public static String errorWords(String code) {
        if (code == null) {
            return "unknown error";
        }
        return code.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String m = message.strip();
        String s = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private static String nothingChanged(String code) {
        if ("timeout".equals(code)) {
            return " It may or may not have happened.";
        }
        return " Nothing changed.";
    }
}
