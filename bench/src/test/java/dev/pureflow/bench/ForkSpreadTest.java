package dev.pureflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ForkSpreadTest {

    private static ForkSpread of(Double... values) {
        return ForkSpread.of(List.of(values)).orElseThrow();
    }

    @Test
    void median_of_an_odd_count_is_the_middle_value_whatever_the_order() {
        assertThat(of(3.0, 1.0, 2.0).median()).isEqualTo(2.0);
        assertThat(of(1.3, 0.9, 5.0, 1.1, 1.0).median()).isEqualTo(1.1);
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assertThat(of(4.0, 1.0, 2.0, 3.0).median()).isEqualTo(2.5);
    }

    @Test
    void middle_half_drops_the_lowest_and_highest_quarter_rounded_down() {
        ForkSpread three = of(1.0, 2.0, 3.0);
        assertThat(List.of(three.low(), three.high())).containsExactly(1.0, 3.0);

        ForkSpread five = of(5.0, 1.0, 4.0, 2.0, 3.0);
        assertThat(List.of(five.low(), five.high(), five.min(), five.max())).containsExactly(2.0, 4.0, 1.0, 5.0);

        List<Double> twelve = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            twelve.add((double) i);
        }
        ForkSpread spread = ForkSpread.of(twelve).orElseThrow();
        assertThat(List.of(spread.low(), spread.high(), spread.median(), (double) spread.forks())).containsExactly(4.0, 9.0, 6.5, 12.0);
    }

    @Test
    void forks_within_fifteen_percent_of_the_median_are_settled() {
        ForkSpread spread = of(0.9, 1.0, 1.1, 0.95, 1.05);
        assertThat(spread.settled()).isTrue();
        assertThat(spread.relativeSpread()).isEqualTo("-5%/+5%");
    }

    @Test
    void one_wild_fork_of_five_does_not_unsettle_a_row_but_two_on_one_side_do() {
        assertThat(of(1.0, 1.02, 0.98, 1.01, 3.0).settled()).isTrue();
        assertThat(of(1.0, 1.02, 0.98, 2.5, 3.0).settled()).isFalse();
    }

    @Test
    void a_middle_half_wider_than_fifteen_percent_is_unsettled() {
        // the last run's 31.0 ± 34.9 ns: forks that disagree this much cannot judge a 1.2× target
        ForkSpread spread = of(1.32, 0.9, 1.8, 1.1, 1.6);
        assertThat(spread.settled()).isFalse();
        assertThat(spread.relativeSpread()).isEqualTo("-17%/+21%");
    }

    @Test
    void fewer_than_three_forks_are_never_settled_however_close() {
        assertThat(of(1.0, 1.0).settled()).isFalse();
        assertThat(of(1.0, 1.0, 1.0).settled()).isTrue();
    }

    @Test
    void no_forks_give_no_summary() {
        assertThat(ForkSpread.of(List.of())).isEmpty();
    }

    @Test
    void a_zero_negative_or_infinite_figure_is_rejected_with_the_values_named() {
        assertThatThrownBy(() -> of(1.0, 0.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
        assertThatThrownBy(() -> of(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void the_summary_is_ordered_min_low_median_high_max(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0.01, max = 1000) Double> values) {
        ForkSpread spread = ForkSpread.of(values).orElseThrow();
        assertThat(spread.forks()).isEqualTo(values.size());
        assertThat(spread.min()).isLessThanOrEqualTo(spread.low());
        assertThat(spread.low()).isLessThanOrEqualTo(spread.median());
        assertThat(spread.median()).isLessThanOrEqualTo(spread.high());
        assertThat(spread.high()).isLessThanOrEqualTo(spread.max());
        assertThat(spread.min()).isEqualTo(Collections.min(values));
        assertThat(spread.max()).isEqualTo(Collections.max(values));
    }

    @Property
    void the_order_of_the_forks_does_not_change_the_summary(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0.01, max = 1000) Double> values, @ForAll long seed) {
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(ForkSpread.of(shuffled)).isEqualTo(ForkSpread.of(values));
    }

    @Property
    void scaling_every_fork_alike_scales_the_summary_and_keeps_the_verdict(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0.01, max = 1000) Double> values,
            @ForAll @IntRange(min = -20, max = 20) int powerOfTwo) {
        double scale = Math.scalb(1.0, powerOfTwo); // exact in binary floating point: no rounding to blur the comparison
        ForkSpread spread = ForkSpread.of(values).orElseThrow();
        ForkSpread scaled = ForkSpread.of(values.stream().map(value -> value * scale).toList()).orElseThrow();
        assertThat(scaled.median()).isEqualTo(spread.median() * scale);
        assertThat(scaled.low()).isEqualTo(spread.low() * scale);
        assertThat(scaled.high()).isEqualTo(spread.high() * scale);
        assertThat(scaled.settled()).isEqualTo(spread.settled());
    }

    @Property
    void forks_that_all_agree_are_settled_from_three_on(
            @ForAll @DoubleRange(min = 0.01, max = 1000) double value, @ForAll @IntRange(min = 1, max = 30) int forks) {
        ForkSpread spread = ForkSpread.of(Collections.nCopies(forks, value)).orElseThrow();
        assertThat(spread.settled()).isEqualTo(forks >= ForkSpread.MIN_FORKS);
    }
}
