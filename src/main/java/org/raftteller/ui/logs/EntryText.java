package org.raftteller.ui.logs;

import org.raftteller.bank.BankCommand;
import org.raftteller.bank.CommandCodec;
import org.raftteller.bank.Money;
import org.raftteller.raft.Entry;

/** An entry's command as people read it: "+12.50", "−5.00" or "no-op". */
public final class EntryText {

    /** A true minus sign, as the issue asks: it reads better than a hyphen at a distance. */
    static final char MINUS = '\u2212';

    private EntryText() {
    }

    public static String command(Entry e) {
        if (e.isNoop()) {
            return "no-op";
        }
        try {
            BankCommand c = CommandCodec.decode(e.command());
            if (c instanceof BankCommand.Debit) {
                return MINUS + Money.format(c.amount());
            }
            return Money.formatSigned(c.amount());
        } catch (IllegalArgumentException bad) {
            return "?";
        }
    }
}
