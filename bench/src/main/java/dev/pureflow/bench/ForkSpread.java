package dev.pureflow.bench;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a row's per-fork values (one ratio, or one difference, per round) say together: their median and how far the
 * forks disagree. The spread is the range of the middle half: the values left after dropping the
 * lowest and the highest quarter, rounded down (none of 3, one of 5 at each end, two of 10, three
 * of 12), so a single fork hit by a burst of load elsewhere does not decide the row. A row is
 * <em>settled</em> when it has at least {@value #MIN_FORKS} forks and its spread lies within
 * ±{@value #TOLERANCE_PERCENT}% of the median; only a settled row is judged against its target.
 *
 * @param forks  how many values
 * @param median their median (the mean of the middle two for an even count)
 * @param low    the lowest value of the middle half
 * @param high   the highest value of the middle half
 * @param min    the lowest value
 * @param max    the highest value
 */
record ForkSpread(int forks, double median, double low, double high, double min, double max) {

    static final int MIN_FORKS = 3;
    static final int TOLERANCE_PERCENT = 15;
    private static final double TOLERANCE = TOLERANCE_PERCENT / 100.0;

    /** The summary of {@code values}, or empty if there are none. Values must be finite and positive (figures and their ratios). */
    static Optional<ForkSpread> of(Collection<Double> values) {
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("per-fork values must be finite and positive, got " + value + " in " + values);
            }
        }
        return summarize(values);
    }

    /**
     * The summary of per-round differences, or empty if there are none: finite, of either sign (a
     * listener's cost can drown in the noise). Settled on the same rule, the ±15% taken of the
     * median difference.
     */
    static Optional<ForkSpread> ofDifferences(Collection<Double> values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("per-fork differences must be finite, got " + value + " in " + values);
            }
        }
        return summarize(values);
    }

    private static Optional<ForkSpread> summarize(Collection<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int dropped = n / 4;
        return Optional.of(new ForkSpread(n, median, sorted.get(dropped), sorted.get(n - 1 - dropped), sorted.getFirst(), sorted.getLast()));
    }

    /** Enough forks, and the middle half within ±15% of the median (of its size, for a negative difference). */
    boolean settled() {
        double allowed = Math.abs(median) * TOLERANCE;
        return forks >= MIN_FORKS && median - low <= allowed && high - median <= allowed;
    }

    /** The middle half as offsets from the median, e.g. {@code -4%/+9%}. */
    String relativeSpread() {
        if (median == 0) {
            return "median 0";
        }
        double size = Math.abs(median);
        return percent((low - median) / size) + "/" + percent((high - median) / size);
    }

    private static String percent(double fraction) {
        long rounded = Math.round(fraction * 100);
        return (rounded >= 0 ? "+" : "") + rounded + "%";
    }
}
