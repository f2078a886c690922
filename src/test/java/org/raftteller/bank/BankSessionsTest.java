package org.raftteller.bank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.raftteller.bank.BankCommand.Credit;
import org.raftteller.bank.BankCommand.Debit;
import org.raftteller.bank.Outcome.Status;

/** Exactly-once client sessions and their bounded, deterministic table. */
class BankSessionsTest {

    @Test
    void retryOfTheSameSeqReturnsTheOriginalOutcomeWithoutApplyingAgain() {
        Bank bank = new Bank();
        Outcome original = bank.apply(1, new Credit("alice", 1, 500));
        bank.apply(2, new Credit(100));

        Outcome retry = bank.apply(3, new Credit("alice", 1, 500));

        assertThat(retry).isEqualTo(new Outcome(Status.APPLIED, 500, 1));
        assertThat(retry).isEqualTo(original);
        assertThat(bank.balance()).isEqualTo(600);
        assertThat(bank.lastApplied()).isEqualTo(3);
    }

    @Test
    void retryOfARefusedDebitStaysRefusedEvenAfterACredit() {
        Bank bank = new Bank();
        bank.apply(1, new Debit("alice", 1, 500));
        bank.apply(2, new Credit(1000));

        Outcome retry = bank.apply(3, new Debit("alice", 1, 500));

        assertThat(retry).isEqualTo(new Outcome(Status.INSUFFICIENT_FUNDS, 0, 1));
        assertThat(bank.balance()).isEqualTo(1000);
    }

    @Test
    void retryOfACreditRefusedForTheLimitStaysRefused() {
        Bank bank = BankTest.fillTo(Bank.MAX_BALANCE);
        long index = bank.lastApplied();
        bank.apply(index + 1, new Credit("alice", 1, 10));
        bank.apply(index + 2, new Debit(Bank.MAX_AMOUNT));

        Outcome retry = bank.apply(index + 3, new Credit("alice", 1, 10));

        assertThat(retry).isEqualTo(
                new Outcome(Status.LIMIT_EXCEEDED, Bank.MAX_BALANCE, index + 1));
        assertThat(bank.balance()).isEqualTo(Bank.MAX_BALANCE - Bank.MAX_AMOUNT);
    }

    @Test
    void staleSeqIsRefusedWithTheCurrentBalanceAndItsOwnIndex() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 500));
        bank.apply(2, new Credit("alice", 2, 300));

        Outcome stale = bank.apply(3, new Debit("alice", 1, 100));

        assertThat(stale).isEqualTo(new Outcome(Status.STALE_REQUEST, 800, 3));
        assertThat(bank.balance()).isEqualTo(800);
        assertThat(bank.lastApplied()).isEqualTo(3);
    }

    @Test
    void staleSeqDoesNotReplaceTheLatestSession() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 5, 500));
        bank.apply(2, new Credit("alice", 4, 300));

        Outcome retryOfLatest = bank.apply(3, new Credit("alice", 5, 500));

        assertThat(retryOfLatest).isEqualTo(new Outcome(Status.APPLIED, 500, 1));
        assertThat(bank.balance()).isEqualTo(500);
    }

    @Test
    void higherSeqIsAppliedAndBecomesTheLatestEvenWithGaps() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 500));

        Outcome next = bank.apply(2, new Debit("alice", 7, 200));
        Outcome gapFiller = bank.apply(3, new Debit("alice", 6, 200));

        assertThat(next).isEqualTo(new Outcome(Status.APPLIED, 300, 2));
        assertThat(gapFiller.status()).isEqualTo(Status.STALE_REQUEST);
        assertThat(bank.balance()).isEqualTo(300);
    }

    @Test
    void newClientMayStartAtAnySeq() {
        Bank bank = new Bank();

        Outcome outcome = bank.apply(1, new Credit("alice", 42, 100));

        assertThat(outcome).isEqualTo(new Outcome(Status.APPLIED, 100, 1));
        assertThat(bank.clientCount()).isEqualTo(1);
    }

    @Test
    void retryMatchesOnClientAndSeqOnly() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 500));

        Outcome differentBody = bank.apply(2, new Debit("alice", 1, 999));

        assertThat(differentBody).isEqualTo(new Outcome(Status.APPLIED, 500, 1));
        assertThat(bank.balance()).isEqualTo(500);
    }

    @Test
    void anonymousCommandsAreAppliedEveryTimeAndTakeNoSession() {
        Bank bank = new Bank();

        bank.apply(1, new Credit(500));
        Outcome again = bank.apply(2, new Credit(500));

        assertThat(again).isEqualTo(new Outcome(Status.APPLIED, 1000, 2));
        assertThat(bank.clientCount()).isZero();
    }

    @Test
    void clientsHaveIndependentSeqs() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 5, 100));

        Outcome bob = bank.apply(2, new Credit("bob", 1, 10));
        Outcome aliceRetry = bank.apply(3, new Credit("alice", 5, 100));
        Outcome bobRetry = bank.apply(4, new Credit("bob", 1, 10));

        assertThat(bob).isEqualTo(new Outcome(Status.APPLIED, 110, 2));
        assertThat(aliceRetry).isEqualTo(new Outcome(Status.APPLIED, 100, 1));
        assertThat(bobRetry).isEqualTo(bob);
        assertThat(bank.balance()).isEqualTo(110);
        assertThat(bank.clientCount()).isEqualTo(2);
    }

    @Test
    void clientNamesAreCaseSensitive() {
        Bank bank = new Bank();
        bank.apply(1, new Credit("alice", 1, 100));

        Outcome outcome = bank.apply(2, new Credit("Alice", 1, 100));

        assertThat(outcome).isEqualTo(new Outcome(Status.APPLIED, 200, 2));
        assertThat(bank.clientCount()).isEqualTo(2);
    }

    @Test
    void newClientBeyondTheLimitEvictsTheLeastRecentlyUsed() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));

        bank.apply(3, new Credit("carol", 1, 100));

        assertThat(bank.clientCount()).isEqualTo(2);
        assertThat(isRemembered(bank, "alice", 1)).isFalse();
        assertThat(isRemembered(bank, "bob", 1)).isTrue();
        assertThat(isRemembered(bank, "carol", 1)).isTrue();
    }

    @Test
    void evictedClientsRetryIsAppliedAgainBecauseItsSessionIsGone() {
        Bank bank = new Bank(1);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));

        Outcome retry = bank.apply(3, new Credit("alice", 1, 100));

        assertThat(retry).isEqualTo(new Outcome(Status.APPLIED, 300, 3));
        assertThat(bank.clientCount()).isEqualTo(1);
    }

    @Test
    void newerCommandOfAClientMakesItTheMostRecentlyUsed() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));
        bank.apply(3, new Credit("alice", 2, 100));

        bank.apply(4, new Credit("carol", 1, 100));

        assertThat(isRemembered(bank, "bob", 1)).isFalse();
        assertThat(isRemembered(bank, "alice", 2)).isTrue();
    }

    @Test
    void retryOfAClientMakesItTheMostRecentlyUsed() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));
        bank.apply(3, new Credit("alice", 1, 100));

        bank.apply(4, new Credit("carol", 1, 100));

        assertThat(isRemembered(bank, "bob", 1)).isFalse();
        assertThat(isRemembered(bank, "alice", 1)).isTrue();
    }

    @Test
    void staleCommandOfAClientMakesItTheMostRecentlyUsed() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 2, 100));
        bank.apply(2, new Credit("bob", 1, 100));
        bank.apply(3, new Credit("alice", 1, 100));

        bank.apply(4, new Credit("carol", 1, 100));

        assertThat(isRemembered(bank, "bob", 1)).isFalse();
        assertThat(isRemembered(bank, "alice", 2)).isTrue();
    }

    @Test
    void anonymousCommandsDoNotTouchTheSessionOrder() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));
        bank.apply(3, new Credit(100));

        bank.apply(4, new Credit("carol", 1, 100));

        assertThat(isRemembered(bank, "alice", 1)).isFalse();
        assertThat(isRemembered(bank, "bob", 1)).isTrue();
    }

    @Test
    void refusedCommandOfANewClientTakesASessionAndEvicts() {
        Bank bank = new Bank(1);
        bank.apply(1, new Credit("alice", 1, 100));

        Outcome refused = bank.apply(2, new Debit("bob", 1, 1_000));

        assertThat(refused.status()).isEqualTo(Status.INSUFFICIENT_FUNDS);
        assertThat(bank.clientCount()).isEqualTo(1);
        assertThat(isRemembered(bank, "bob", 1)).isTrue();
    }

    @Test
    void knownClientAtTheLimitEvictsNobody() {
        Bank bank = new Bank(2);
        bank.apply(1, new Credit("alice", 1, 100));
        bank.apply(2, new Credit("bob", 1, 100));

        bank.apply(3, new Credit("alice", 2, 100));

        assertThat(bank.clientCount()).isEqualTo(2);
        assertThat(isRemembered(bank, "bob", 1)).isTrue();
        assertThat(isRemembered(bank, "alice", 2)).isTrue();
    }

    @Test
    void tableNeverHoldsMoreThanMaxClients() {
        Bank bank = new Bank(3);

        for (int i = 1; i <= 10; i++) {
            bank.apply(i, new Credit("client-" + i, 1, 1));

            assertThat(bank.clientCount()).isEqualTo(Math.min(i, 3));
        }
    }

    @Test
    void defaultTableHoldsTenThousandClients() {
        Bank bank = new Bank();

        for (int i = 1; i <= Bank.DEFAULT_MAX_CLIENTS + 1; i++) {
            bank.apply(i, new Credit("c" + i, 1, 1));
        }

        assertThat(bank.clientCount()).isEqualTo(10_000);
        assertThat(isRemembered(bank, "c1", 1)).isFalse();
        assertThat(isRemembered(bank, "c2", 1)).isTrue();
    }

    /**
     * Whether {@code bank} still remembers {@code client}'s command {@code seq}, probed on a copy
     * so the probe itself neither changes the bank nor its eviction order: a remembered command
     * is answered from the table, a forgotten one is applied and moves the balance.
     */
    private static boolean isRemembered(Bank bank, String client, long seq) {
        Bank copy = Bank.decodeState(bank.encodeState());
        long before = copy.balance();

        copy.apply(copy.lastApplied() + 1, new Credit(client, seq, 1));

        return copy.balance() == before;
    }
}
