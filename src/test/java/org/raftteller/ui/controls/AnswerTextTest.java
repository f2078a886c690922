package org.raftteller.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.raftteller.cluster.Answer;

class AnswerTextTest {

    @Test
    void aCreditSaysTheBalanceWhoServedItAndWhichLeaderCommittedIt() {
        Answer a = new Answer(true, null, null, 3750L, 12L, 4L, 2, 1);

        assertThat(AnswerText.of("Credit 12.50", a)).isEqualTo("Credit 12.50 done: the balance is "
                + "now 37.50. Served by node 2, committed by leader node 1 at index 12 (term 4).");
    }

    @Test
    void aQuerySaysTheBalanceAndTheNodeItWasReadThrough() {
        Answer a = new Answer(true, null, null, 3750L, 12L, 4L, 3, 1);

        assertThat(AnswerText.of("Query", a)).startsWith("Balance 37.50. Read through node 3");
    }

    @Test
    void aRefusalSaysTheErrorInWords() {
        Answer a = new Answer(false, "insufficient_funds", "the debit of 50.00 is more than the "
                + "balance of 37.50", 3750L, null, null, 2, 1);

        assertThat(AnswerText.of("Debit 50.00", a)).isEqualTo("Debit 50.00 failed: insufficient "
                + "funds. The debit of 50.00 is more than the balance of 37.50. Nothing changed.");
    }

    @Test
    void aTimeoutSaysTheOutcomeIsUnknown() {
        Answer a = new Answer(false, "timeout", "no answer in time", null, null, null, 2, null);

        assertThat(AnswerText.of("Credit 1.00", a)).contains("timeout")
                .endsWith("It may or may not have happened.");
    }
}
