package dev.pureflow.bench;

import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * What a row asks of its median value, and the judgement of a row's forks against it.
 *
 * @param text   how the report states it, e.g. {@code ≤ 2×}, or {@code adds ≤ 100 ns per step} for a difference
 * @param issue  where it comes from, e.g. {@code issue 9}; empty for a row without a target
 * @param met    whether a median meets it
 */
record Target(String text, String issue, DoublePredicate met) {

    static final Target NONE = new Target("—", "", value -> true);

    static Target atMost(double limit, String issue) {
        return new Target("≤ " + ResultsReport.format(limit) + "×", issue, value -> value <= limit);
    }

    /** Throughput at least {@code fraction} of the alternative's: time ratio at most 1 / fraction. */
    static Target throughputAtLeast(double fraction, String issue) {
        return new Target("throughput ≥ " + ResultsReport.format(fraction) + "× (ratio ≤ " + ResultsReport.format(1 / fraction) + ")",
                issue, value -> 1 / value >= fraction);
    }

    /** For a {@link Row.Measure#DIFFERENCE} row: adds at most {@code nanos} ns per step. */
    static Target addsAtMost(double nanos, String issue) {
        return new Target("adds ≤ " + ResultsReport.format(nanos) + " ns per step", issue, value -> value <= nanos);
    }

    static Target faster(String issue) {
        return new Target("faster (< 1×)", issue, value -> value < 1);
    }

    boolean exists() {
        return this != NONE;
    }

    /** Not run without forks; no target, unsettled, met or not met on the median otherwise. */
    Verdict judge(Optional<ForkSpread> spread) {
        if (spread.isEmpty()) {
            return Verdict.NOT_RUN;
        }
        if (!exists()) {
            return Verdict.NO_TARGET;
        }
        if (!spread.get().settled()) {
            return Verdict.UNSETTLED;
        }
        return met.test(spread.get().median()) ? Verdict.MET : Verdict.NOT_MET;
    }
}
