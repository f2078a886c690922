package org.raftteller.blackbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.raftteller.blackbox.Call.Kind;

/**
 * Decides whether a history of calls on the one bank account is linearizable, and whether any
 * acknowledged write was lost, from what the clients saw and nothing else.
 *
 * <p>Every decided credit or debit names the log index that decided it, so the order of the
 * writes that happened is known: it is the index order. That turns a search over all orders
 * into a few linear checks:
 * <ol>
 *   <li>Writes are grouped by client and seq. A group with a success or a refusal is decided,
 *       and every answer in it must be the same one (a retry returns the original outcome). A
 *       group that only ever heard "maybe" is unresolved: the test must settle every such write
 *       by retrying its client and seq, so the checker refuses to guess. A group that only heard
 *       "did not happen" did not happen.</li>
 *   <li>Applied writes have distinct indexes, and a write that answered before another began has
 *       the lower index.</li>
 *   <li>Replaying the applied writes in index order from the initial balance reproduces the
 *       balance each one reported.</li>
 *   <li>Reads and refused debits do not move money, so each may take effect between any two
 *       consecutive writes. Each must find a place whose balance it reports, no earlier than
 *       every write and every observation that completed before it began, and before every write
 *       that began after it ended. Placing each at the earliest such place, in the order the
 *       observations ended, finds a placement whenever one exists, because the only constraints
 *       between observations are lower bounds that earlier places keep smallest.</li>
 *   <li>A read that began after every applied write had answered must return the replay of all
 *       of them: otherwise an acknowledged write was lost (or one that never happened was
 *       applied).</li>
 * </ol>
 * A balance read also names the index at which it was served; its balance must be the replay up
 * to that index, and the index must not be below a write that completed before the read began.
 */
final class BankHistoryChecker {

    /** The kinds of wrong the checker can find. */
    enum Problem {
        /** An answer this workload can never legitimately get. */
        UNEXPECTED_ANSWER,
        /** A write whose outcome was never learned; the test must resolve every one. */
        UNRESOLVED_WRITE,
        /** One client and seq got two different decisions: a retry was applied twice. */
        DECIDED_TWICE,
        /** Two different writes claim the same log index. */
        DUPLICATE_INDEX,
        /** A write that began after another had answered got the lower index. */
        INDEX_AGAINST_REAL_TIME,
        /** A write's reported balance is not the replay of the writes before it. */
        REPLAY_MISMATCH,
        /** A debit was refused for insufficient funds although the balance covered it. */
        REFUSAL_WITH_FUNDS,
        /** A read or refusal saw a balance no linearization allows. */
        READ_NOT_LINEARIZABLE,
        /** A read's balance is not the replay up to the index it names, or the index is stale. */
        READ_INDEX_MISMATCH,
        /** A read after all writes finished misses an acknowledged write, or sees a phantom. */
        LOST_WRITE
    }

    /** One thing wrong, with the calls that show it. */
    record Violation(Problem problem, String description, List<Call> evidence) {
    }

    /**
     * What the checker found.
     *
     * @param finalBalance the initial balance plus every applied write, replayed in index order
     */
    record Verdict(List<Violation> violations, long finalBalance, int appliedWrites,
                   int refusedDebits, int writesNotDone, int writesResolvedByRetry,
                   int reads, int calls, long originNanos) {

        boolean linearizable() {
            return violations.isEmpty();
        }

        boolean has(Problem problem) {
            return violations.stream().anyMatch(v -> v.problem() == problem);
        }

        String summary() {
            return calls + " calls: " + appliedWrites + " writes applied (" + writesResolvedByRetry
                    + " settled by a retry), " + refusedDebits + " debits refused, "
                    + writesNotDone + " writes that did not happen, " + reads
                    + " balance reads answered; final balance " + finalBalance;
        }

        /** The summary and up to {@code max} violations, each with its evidence. */
        String report(int max) {
            StringBuilder text = new StringBuilder(summary());
            text.append('\n').append(violations.size()).append(" violation(s)");
            violations.stream().limit(max).forEach(v -> {
                text.append("\n- ").append(v.problem()).append(": ").append(v.description());
                v.evidence().forEach(c -> text.append("\n    ").append(describe(c, originNanos)));
            });
            if (violations.size() > max) {
                text.append("\n… and ").append(violations.size() - max).append(" more");
            }
            return text.toString();
        }
    }

    /** A write that took effect: it moved money at {@code index}. */
    private record Applied(Kind kind, long amount, long index, long balance, long invoke,
                           long response, List<Call> calls) {
        long delta() {
            return kind == Kind.CREDIT ? amount : -amount;
        }
    }

    /** A read, or a refused debit: it took effect somewhere in the log without moving money. */
    private record Observation(Kind kind, long amount, long balance, Long index, long invoke,
                               long response, List<Call> calls) {
    }

    private final List<Violation> violations = new ArrayList<>();
    private final long initialBalance;
    private final long originNanos;
    private final List<Applied> applied = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private int notDone;
    private int resolvedByRetry;
    private int reads;

    private BankHistoryChecker(long initialBalance, long originNanos) {
        this.initialBalance = initialBalance;
        this.originNanos = originNanos;
    }

    /** Checks {@code history}, in any order, of an account that started at initialBalance. */
    static Verdict check(List<Call> history, long initialBalance) {
        long origin = history.stream().mapToLong(Call::invokeNanos).min().orElse(0);
        BankHistoryChecker checker = new BankHistoryChecker(initialBalance, origin);

        checker.collect(history);
        checker.applied.sort(Comparator.comparingLong(Applied::index));
        checker.checkIndexes();
        long[] states = checker.replay();
        long finalBalance = checker.initialBalance
                + checker.applied.stream().mapToLong(Applied::delta).sum();
        checker.placeObservations(states, finalBalance);

        return new Verdict(List.copyOf(checker.violations), finalBalance, checker.applied.size(),
                (int) checker.observations.stream().filter(o -> o.kind() == Kind.DEBIT).count(),
                checker.notDone, checker.resolvedByRetry, checker.reads, history.size(), origin);
    }

    // ---------------------------------------------------------------- decisions

    private void collect(List<Call> history) {
        Map<String, List<Call>> writes = new LinkedHashMap<>();
        for (Call call : history) {
            if (call.answer() instanceof Call.Unexpected unexpected) {
                violate(Problem.UNEXPECTED_ANSWER, "the node answered " + unexpected.line(),
                        List.of(call));
            }
            if (call.isWrite()) {
                writes.computeIfAbsent(call.client() + "#" + call.seq(), k -> new ArrayList<>())
                        .add(call);
            } else if (call.answer() instanceof Call.Ok ok) {
                reads++;
                observations.add(new Observation(Kind.BALANCE, 0, ok.balance(), ok.index(),
                        call.invokeNanos(), call.responseNanos(), List.of(call)));
            }
        }
        writes.values().forEach(this::decide);
    }

    private void decide(List<Call> calls) {
        Call head = calls.get(0);
        for (Call call : calls) {
            if (call.kind() != head.kind() || call.amount() != head.amount()) {
                throw new IllegalArgumentException("the test reused client " + head.client()
                        + " seq " + head.seq() + " for a different request");
            }
        }
        long invoke = calls.stream().mapToLong(Call::invokeNanos).min().orElseThrow();
        List<Call> decided = calls.stream()
                .filter(c -> c.answer() instanceof Call.Ok || c.answer() instanceof Call.Refused)
                .sorted(Comparator.comparingLong(Call::responseNanos))
                .toList();
        boolean maybe = calls.stream().anyMatch(c -> c.answer() instanceof Call.Unknown);

        if (decided.isEmpty()) {
            if (maybe) {
                violate(Problem.UNRESOLVED_WRITE, "client " + head.client() + " seq " + head.seq()
                        + " may or may not have happened; retry it to learn which", calls);
            } else {
                notDone++;
            }
            return;
        }

        Call first = decided.get(0);
        for (Call other : decided) {
            if (!other.answer().equals(first.answer())) {
                violate(Problem.DECIDED_TWICE, "client " + head.client() + " seq " + head.seq()
                        + " was decided twice, differently: a retry must return the original "
                        + "outcome and apply nothing", List.of(first, other));
            }
        }
        if (maybe) {
            resolvedByRetry++;
        }
        if (first.answer() instanceof Call.Ok ok) {
            applied.add(new Applied(head.kind(), head.amount(), ok.index(), ok.balance(), invoke,
                    first.responseNanos(), calls));
        } else {
            Call.Refused refused = (Call.Refused) first.answer();
            if (head.kind() != Kind.DEBIT || head.amount() <= refused.balance()) {
                violate(Problem.REFUSAL_WITH_FUNDS, "a " + head.kind().wireName() + " of "
                        + head.amount() + " was refused for insufficient funds at balance "
                        + refused.balance(), List.of(first));
            }
            observations.add(new Observation(head.kind(), head.amount(), refused.balance(), null,
                    invoke, first.responseNanos(), calls));
        }
    }

    // ---------------------------------------------------------------- writes

    /** Distinct indexes, and index order never against real-time order. */
    private void checkIndexes() {
        for (int i = 1; i < applied.size(); i++) {
            if (applied.get(i).index() == applied.get(i - 1).index()) {
                violate(Problem.DUPLICATE_INDEX, "two writes claim log index "
                        + applied.get(i).index(), concat(applied.get(i - 1), applied.get(i)));
            }
        }

        // From the highest index down, remember the higher-index write that answered first.
        Applied earliestAnswerAbove = null;
        int i = applied.size() - 1;
        while (i >= 0) {
            int j = i;
            while (j > 0 && applied.get(j - 1).index() == applied.get(i).index()) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                Applied w = applied.get(k);
                if (earliestAnswerAbove != null && earliestAnswerAbove.response() < w.invoke()) {
                    violate(Problem.INDEX_AGAINST_REAL_TIME, "the write at index "
                            + earliestAnswerAbove.index() + " answered before the write at index "
                            + w.index() + " began", concat(earliestAnswerAbove, w));
                }
            }
            for (int k = j; k <= i; k++) {
                Applied w = applied.get(k);
                if (earliestAnswerAbove == null || w.response() < earliestAnswerAbove.response()) {
                    earliestAnswerAbove = w;
                }
            }
            i = j - 1;
        }
    }

    /**
     * Replays the applied writes in index order. Returns the balance after each prefix (position
     * k holds the balance after the first k writes), taking each write's reported balance after
     * a mismatch has been reported, so that one fault is reported once and not at every write
     * after it.
     */
    private long[] replay() {
        long[] states = new long[applied.size() + 1];
        states[0] = initialBalance;
        for (int k = 1; k <= applied.size(); k++) {
            Applied w = applied.get(k - 1);
            long before = states[k - 1];
            long expected = before + w.delta();
            if (expected < 0) {
                violate(Problem.REPLAY_MISMATCH, "the debit of " + w.amount() + " at index "
                        + w.index() + " was applied, but the writes before it leave only " + before,
                        evidenceAround(k - 1));
            } else if (w.balance() != expected) {
                violate(Problem.REPLAY_MISMATCH, "the " + w.kind().wireName() + " of " + w.amount()
                        + " at index " + w.index() + " reports balance " + w.balance()
                        + ", but the writes before it leave " + before + ", so it should be "
                        + expected, evidenceAround(k - 1));
            }
            states[k] = w.balance();
        }
        return states;
    }

    // ---------------------------------------------------------------- reads and refusals

    private void placeObservations(long[] states, long finalBalance) {
        int n = applied.size();
        Map<Long, TreeSet<Integer>> placesByBalance = new HashMap<>();
        for (int k = 0; k <= n; k++) {
            placesByBalance.computeIfAbsent(states[k], b -> new TreeSet<>()).add(k);
        }
        long[] byResponse = applied.stream().mapToLong(Applied::response).sorted().toArray();
        int[] highestRankAnswered = prefixMaxRank(Comparator.comparingLong(Applied::response));
        Applied[] byInvoke = applied.stream()
                .sorted(Comparator.comparingLong(Applied::invoke)).toArray(Applied[]::new);
        int[] lowestRankBegun = suffixMinRank(byInvoke);
        long[] indexes = applied.stream().mapToLong(Applied::index).toArray();

        observations.sort(Comparator.comparingLong(Observation::response));
        long[] placedResponses = new long[observations.size()];
        int[] placedPrefixMax = new int[observations.size()];

        for (int o = 0; o < observations.size(); o++) {
            Observation obs = observations.get(o);
            int answered = lastBefore(byResponse, byResponse.length, obs.invoke());
            int fromWrites = answered < 0 ? 0 : highestRankAnswered[answered];
            int placedBefore = lastBefore(placedResponses, o, obs.invoke());
            int fromObservations = placedBefore < 0 ? 0 : placedPrefixMax[placedBefore];
            int low = Math.max(fromWrites, fromObservations);
            int firstBegunAfter = firstAfter(byInvoke, obs.response());
            int high = firstBegunAfter < byInvoke.length ? lowestRankBegun[firstBegunAfter] - 1 : n;

            if (obs.index() != null) {
                checkReadIndex(obs, states, indexes, fromWrites);
            }
            boolean lost = fromWrites == n && obs.kind() == Kind.BALANCE
                    && obs.balance() != finalBalance;
            if (lost) {
                violate(Problem.LOST_WRITE, "a read after every write had answered returned "
                        + obs.balance() + ", but the " + n + " applied writes replay to "
                        + finalBalance, obs.calls());
            }

            TreeSet<Integer> places = placesByBalance.getOrDefault(obs.balance(), new TreeSet<>());
            Integer place = places.ceiling(low);
            if (place == null || place > high) {
                place = low;
                if (!lost) {
                    violate(Problem.READ_NOT_LINEARIZABLE, describeObservation(obs)
                            + " saw balance " + obs.balance() + ", but when it ran the balance "
                            + "could only be one of " + balancesBetween(states, low, high),
                            evidenceFor(obs, low, high));
                }
            }
            placedResponses[o] = obs.response();
            placedPrefixMax[o] = Math.max(place, o == 0 ? 0 : placedPrefixMax[o - 1]);
        }
    }

    private void checkReadIndex(Observation read, long[] states, long[] indexes, int fromWrites) {
        int writesUpToIndex = lastAtOrBelow(indexes, read.index()) + 1;
        if (states[writesUpToIndex] != read.balance()) {
            violate(Problem.READ_INDEX_MISMATCH, "a read served at index " + read.index()
                    + " returned " + read.balance() + ", but the writes up to that index leave "
                    + states[writesUpToIndex], read.calls());
        }
        if (fromWrites > 0 && applied.get(fromWrites - 1).index() > read.index()) {
            // Ranks follow index order: this is the highest-index write answered before it began.
            Applied newer = applied.get(fromWrites - 1);
            violate(Problem.READ_INDEX_MISMATCH, "a read served at index " + read.index()
                    + " began after the write at index " + newer.index() + " had answered",
                    concat(newer, read.calls()));
        }
    }

    private String describeObservation(Observation obs) {
        return obs.kind() == Kind.BALANCE ? "a balance read"
                : "a refused debit of " + obs.amount();
    }

    private static String balancesBetween(long[] states, int low, int high) {
        if (high < low) {
            return "nothing (the writes around it leave no place for it)";
        }
        StringBuilder text = new StringBuilder();
        for (int k = low; k <= high && k < low + 8; k++) {
            text.append(k == low ? "" : ", ").append(states[k]);
        }
        return text + (high - low >= 8 ? ", …" : "") + " (after " + low + " to " + high
                + " writes)";
    }

    // ---------------------------------------------------------------- rank bookkeeping

    private int[] prefixMaxRank(Comparator<Applied> order) {
        Map<Applied, Integer> ranks = ranks();
        List<Applied> sorted = applied.stream().sorted(order).toList();
        int[] max = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            max[i] = Math.max(ranks.get(sorted.get(i)), i == 0 ? 0 : max[i - 1]);
        }
        return max;
    }

    private int[] suffixMinRank(Applied[] byInvoke) {
        Map<Applied, Integer> ranks = ranks();
        int[] min = new int[byInvoke.length];
        for (int i = byInvoke.length - 1; i >= 0; i--) {
            int r = ranks.get(byInvoke[i]);
            min[i] = i == byInvoke.length - 1 ? r : Math.min(r, min[i + 1]);
        }
        return min;
    }

    private Map<Applied, Integer> ranks() {
        Map<Applied, Integer> ranks = new IdentityHashMap<>();
        for (int i = 0; i < applied.size(); i++) {
            ranks.put(applied.get(i), i + 1);
        }
        return ranks;
    }

    /** The last position below {@code length} whose value is strictly below t, or -1. */
    private static int lastBefore(long[] sorted, int length, long t) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The last position whose value is at most {@code t}, or -1. */
    private static int lastAtOrBelow(long[] sorted, long t) {
        return t == Long.MAX_VALUE ? sorted.length - 1 : lastBefore(sorted, sorted.length, t + 1);
    }

    /** The first write that began strictly after {@code t}, or the length. */
    private static int firstAfter(Applied[] byInvoke, long t) {
        int lo = 0;
        int hi = byInvoke.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byInvoke[mid].invoke() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- evidence

    private void violate(Problem problem, String description, List<Call> evidence) {
        violations.add(new Violation(problem, description, List.copyOf(evidence)));
    }

    private List<Call> evidenceAround(int position) {
        List<Call> calls = new ArrayList<>();
        for (int k = Math.max(0, position - 2); k <= position; k++) {
            calls.addAll(applied.get(k).calls());
        }
        return calls;
    }

    private List<Call> evidenceFor(Observation obs, int low, int high) {
        List<Call> calls = new ArrayList<>(obs.calls());
        // The writes that bound its place: the last it must follow (rank low) and the first it
        // must precede (rank high + 1); rank r is applied.get(r - 1).
        if (low >= 1) {
            calls.addAll(applied.get(low - 1).calls());
        }
        if (high >= 0 && high < applied.size() && high != low - 1) {
            calls.addAll(applied.get(high).calls());
        }
        return calls;
    }

    private static List<Call> concat(Applied a, Applied b) {
        List<Call> calls = new ArrayList<>(a.calls());
        calls.addAll(b.calls());
        return calls;
    }

    private static List<Call> concat(Applied a, List<Call> b) {
        List<Call> calls = new ArrayList<>(a.calls());
        calls.addAll(b);
        return calls;
    }

    /** One call as a line of evidence, its times in milliseconds from the history's start. */
    static String describe(Call call, long originNanos) {
        String what = call.isWrite()
                ? call.kind().wireName() + " " + call.amount() + " " + call.client() + "#"
                        + call.seq()
                : "balance";
        return String.format(Locale.ROOT, "[%10.3f – %10.3f ms] node %d %s → %s",
                (call.invokeNanos() - originNanos) / 1e6,
                (call.responseNanos() - originNanos) / 1e6, call.node(), what, call.answer());
    }
}
