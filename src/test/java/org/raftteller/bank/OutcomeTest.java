package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.raftteller.bank.Outcome.Status;

class OutcomeTest {

    @Test
    void balanceFromZeroToMaxBalanceIsAccepted() {
        Outcome empty = new Outcome(Status.APPLIED, 0, 1);
        Outcome full = new Outcome(Status.APPLIED, Bank.MAX_BALANCE, Long.MAX_VALUE);

        assertThat(empty.balance()).isZero();
        assertThat(full.balance()).isEqualTo(Bank.MAX_BALANCE);
        assertThat(full.index()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void balanceOutsideTheAccountsRangeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Outcome(Status.APPLIED, -1, 1))
                .withMessage("balance must be 0 to 1000000000000000 cents, but was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Outcome(Status.APPLIED, Bank.MAX_BALANCE + 1, 1))
                .withMessage("balance must be 0 to 1000000000000000 cents, "
                        + "but was 1000000000000001");
    }

    @Test
    void indexBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Outcome(Status.APPLIED, 0, 0))
                .withMessage("index must be at least 1, but was 0");
    }

    @Test
    void missingStatusIsRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> new Outcome(null, 0, 1))
                .withMessage("status");
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void onlyAppliedCountsAsApplied(Status status) {
        Outcome outcome = new Outcome(status, 100, 3);

        assertThat(outcome.isApplied()).isEqualTo(status == Status.APPLIED);
    }
}
