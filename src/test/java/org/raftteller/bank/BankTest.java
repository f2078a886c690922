package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.raftteller.bank.BankCommand.Credit;
import org.raftteller.bank.BankCommand.Debit;
import org.raftteller.bank.Outcome.Status;

/** The account rules: credit, debit, limits and the order entries are applied in. */
class BankTest {

    @Test
    void newBankHasZeroBalanceNothingAppliedAndNoClients() {
        Bank bank = new Bank();

        assertThat(bank.balance()).isZero();
        assertThat(bank.lastApplied()).isZero();
        assertThat(bank.clientCount()).isZero();
    }

    @Test
    void creditAddsToTheBalance() {
        Bank bank = new Bank();

        Outcome first = bank.apply(1, new Credit(1250));
        Outcome second = bank.apply(2, new Credit(50));

        assertThat(first).isEqualTo(new Outcome(Status.APPLIED, 1250, 1));
        assertThat(second).isEqualTo(new Outcome(Status.APPLIED, 1300, 2));
        assertThat(bank.balance()).isEqualTo(1300);
        assertThat(bank.lastApplied()).isEqualTo(2);
    }

    @Test
    void debitWithinTheBalanceSubtractsFromIt() {
        Bank bank = new Bank();
        bank.apply(1, new Credit(1000));

        Outcome outcome = bank.apply(2, new Debit(300));

        assertThat(outcome).isEqualTo(new Outcome(Status.APPLIED, 700, 2));
        assertThat(bank.balance()).isEqualTo(700);
    }

    @Test
    void debitOfTheWholeBalanceLeavesZero() {
        Bank bank = new Bank();
        bank.apply(1, new Credit(1000));

        Outcome outcome = bank.apply(2, new Debit(1000));

        assertThat(outcome).isEqualTo(new Outcome(Status.APPLIED, 0, 2));
        assertThat(bank.balance()).isZero();
    }

    @Test
    void debitAboveBalanceIsRefusedAndChangesNothing() {
        Bank bank = new Bank();
        bank.apply(1, new Credit(1000));

        Outcome outcome = bank.apply(2, new Debit(1001));

        assertThat(outcome).isEqualTo(new Outcome(Status.INSUFFICIENT_FUNDS, 1000, 2));
        assertThat(bank.balance()).isEqualTo(1000);
        assertThat(bank.lastApplied()).isEqualTo(2);
    }

    @Test
    void debitFromAnEmptyAccountIsRefused() {
        Bank bank = new Bank();

        Outcome outcome = bank.apply(1, new Debit(1));

        assertThat(outcome).isEqualTo(new Outcome(Status.INSUFFICIENT_FUNDS, 0, 1));
    }

    @Test
    void balanceOfExactlyMaxBalanceIsReachable() {
        Bank bank = fillTo(Bank.MAX_BALANCE - 1);

        Outcome outcome = bank.apply(bank.lastApplied() + 1, new Credit(1));

        assertThat(outcome.status()).isEqualTo(Status.APPLIED);
        assertThat(outcome.balance()).isEqualTo(1_000_000_000_000_000L);
        assertThat(bank.balance()).isEqualTo(Bank.MAX_BALANCE);
    }

    @Test
    void creditOneCentPastMaxBalanceIsRefusedAndChangesNothing() {
        Bank bank = fillTo(Bank.MAX_BALANCE);
        long index = bank.lastApplied() + 1;

        Outcome outcome = bank.apply(index, new Credit(1));

        assertThat(outcome).isEqualTo(new Outcome(Status.LIMIT_EXCEEDED, Bank.MAX_BALANCE, index));
        assertThat(bank.balance()).isEqualTo(Bank.MAX_BALANCE);
        assertThat(bank.lastApplied()).isEqualTo(index);
    }

    @Test
    void largestCreditThatWouldOverflowTheLimitIsRefusedWhileASmallerOneFits() {
        Bank bank = fillTo(Bank.MAX_BALANCE - Bank.MAX_AMOUNT + 1);
        long index = bank.lastApplied() + 1;

        Outcome refused = bank.apply(index, new Credit(Bank.MAX_AMOUNT));
        Outcome applied = bank.apply(index + 1, new Credit(Bank.MAX_AMOUNT - 1));

        assertThat(refused.status()).isEqualTo(Status.LIMIT_EXCEEDED);
        assertThat(applied).isEqualTo(new Outcome(Status.APPLIED, Bank.MAX_BALANCE, index + 1));
    }

    @Test
    void firstEntryMustHaveIndexOne() {
        Bank bank = new Bank();

        assertThatIllegalStateException()
                .isThrownBy(() -> bank.apply(2, new Credit(100)))
                .withMessage("bank must apply index 1 next, but was given 2");
        assertThatIllegalStateException()
                .isThrownBy(() -> bank.apply(0, new Credit(100)))
                .withMessage("bank must apply index 1 next, but was given 0");
        assertThat(bank.balance()).isZero();
        assertThat(bank.lastApplied()).isZero();
    }

    @Test
    void repeatingOrSkippingAnIndexIsABrokenInvariantAndChangesNothing() {
        Bank bank = new Bank();
        bank.apply(1, new Credit(100));

        assertThatIllegalStateException()
                .isThrownBy(() -> bank.apply(1, new Credit(100)))
                .withMessage("bank must apply index 2 next, but was given 1");
        assertThatIllegalStateException()
                .isThrownBy(() -> bank.apply(3, new Debit(100)))
                .withMessage("bank must apply index 2 next, but was given 3");
        assertThat(bank.balance()).isEqualTo(100);
        assertThat(bank.lastApplied()).isEqualTo(1);
    }

    @Test
    void outOfOrderNamedCommandLeavesItsSessionUntouched() {
        Bank bank = new Bank();

        assertThatIllegalStateException()
                .isThrownBy(() -> bank.apply(5, new Credit("alice", 1, 100)));

        assertThat(bank.clientCount()).isZero();
    }

    @Test
    void noopAdvancesLastAppliedAndNothingElse() {
        Bank bank = new Bank();
        bank.apply(1, new Credit(100));

        bank.applyNoop(2);

        assertThat(bank.lastApplied()).isEqualTo(2);
        assertThat(bank.balance()).isEqualTo(100);
        assertThat(bank.apply(3, new Credit(1)).index()).isEqualTo(3);
    }

    @Test
    void noopFollowsTheSameIndexRule() {
        Bank bank = new Bank();
        bank.applyNoop(1);

        assertThatIllegalStateException()
                .isThrownBy(() -> bank.applyNoop(1))
                .withMessage("bank must apply index 2 next, but was given 1");
        assertThatIllegalStateException()
                .isThrownBy(() -> bank.applyNoop(3))
                .withMessage("bank must apply index 2 next, but was given 3");
        assertThat(bank.lastApplied()).isEqualTo(1);
    }

    @Test
    void nullCommandIsRefusedBeforeAnythingMoves() {
        Bank bank = new Bank();

        assertThatNullPointerException().isThrownBy(() -> bank.apply(1, null));

        assertThat(bank.lastApplied()).isZero();
    }

    @Test
    void maxClientsMustBeAtLeastOne() {
        assertThat(new Bank(1).clientCount()).isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Bank(0))
                .withMessage("maxClients must be at least 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Bank(-1))
                .withMessage("maxClients must be at least 1, but was -1");
    }

    @Test
    void limitsAreTheOnesTheClientProtocolPromises() {
        assertThat(Bank.MAX_AMOUNT).isEqualTo(1_000_000_000_000L);
        assertThat(Bank.MAX_BALANCE).isEqualTo(1_000_000_000_000_000L);
        assertThat(Bank.DEFAULT_MAX_CLIENTS).isEqualTo(10_000);
    }

    @Test
    void toStringShowsBalanceProgressAndClients() {
        Bank bank = new Bank(3);
        bank.apply(1, new Credit("alice", 1, 250));

        String text = bank.toString();

        assertThat(text).isEqualTo("Bank[balance=250, lastApplied=1, clients=1/3]");
    }

    /** A bank whose balance is {@code target}, reached by the fewest maximal credits. */
    static Bank fillTo(long target) {
        Bank bank = new Bank();
        long index = 0;
        while (bank.balance() < target) {
            long amount = Math.min(Bank.MAX_AMOUNT, target - bank.balance());
            assertThat(bank.apply(++index, new Credit(amount)).isApplied()).isTrue();
        }
        return bank;
    }
}
