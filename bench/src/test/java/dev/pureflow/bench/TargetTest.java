package dev.pureflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTest {

    private static Optional<ForkSpread> forks(Double... ratios) {
        return ForkSpread.of(List.of(ratios));
    }

    @Test
    void a_settled_row_is_judged_on_its_median() {
        Target atMost = Target.atMost(1.2, "issue 9");
        assertThat(atMost.judge(forks(1.1, 1.15, 1.2, 1.05, 1.12))).isEqualTo(Verdict.MET);
        assertThat(atMost.judge(forks(1.3, 1.25, 1.35, 1.28, 1.31))).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void an_unsettled_row_is_not_judged_even_when_its_median_would_meet_the_target() {
        assertThat(Target.atMost(2, "issue 9").judge(forks(0.5, 1.0, 1.5, 0.6, 1.4))).isEqualTo(Verdict.UNSETTLED);
        assertThat(Target.atMost(2, "issue 9").judge(forks(1.0, 1.0))).isEqualTo(Verdict.UNSETTLED);
    }

    @Test
    void a_row_without_forks_is_not_run_and_one_without_a_target_is_not_judged() {
        assertThat(Target.atMost(2, "issue 9").judge(Optional.empty())).isEqualTo(Verdict.NOT_RUN);
        assertThat(Target.NONE.judge(Optional.empty())).isEqualTo(Verdict.NOT_RUN);
        assertThat(Target.NONE.judge(forks(1.0, 1.0, 1.0))).isEqualTo(Verdict.NO_TARGET);
    }

    @Test
    void throughput_of_at_least_nine_tenths_means_a_time_ratio_of_at_most_one_over_nine_tenths() {
        Target throughput = Target.throughputAtLeast(0.9, "issue 9");
        assertThat(throughput.judge(forks(1.11, 1.11, 1.11))).isEqualTo(Verdict.MET);
        assertThat(throughput.judge(forks(1.12, 1.12, 1.12))).isEqualTo(Verdict.NOT_MET);
        assertThat(throughput.text()).isEqualTo("throughput ≥ 0.90× (ratio ≤ 1.11)");
    }

    @Test
    void faster_means_a_ratio_below_one() {
        assertThat(Target.faster("issue 5").judge(forks(0.99, 0.99, 0.99))).isEqualTo(Verdict.MET);
        assertThat(Target.faster("issue 5").judge(forks(1.0, 1.0, 1.0))).isEqualTo(Verdict.NOT_MET);
    }
}
