package dev.pureflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {

    private static ForkFigure fork(String segment, int round, String benchmark, double score, double load) {
        return new ForkFigure(segment, round, benchmark, score, "ns/op", Double.NaN, load, load);
    }

    @Test
    void a_pair_is_divided_within_each_round_never_across_rounds() {
        Row row = Row.pair("a ÷ b", "s", "A.a", "A.b", Target.NONE);
        List<ForkFigure> figures = List.of(
                fork("s", 0, "A.a", 30, 1), fork("s", 0, "A.b", 10, 1),
                // round 1 was slower for both: its ratio is the same
                fork("s", 1, "A.b", 20, 3), fork("s", 1, "A.a", 60, 3),
                fork("s", 2, "A.a", 40, 1), fork("s", 2, "A.b", 10, 1));

        assertThat(row.perFork(figures)).containsExactly(3.0, 3.0, 4.0);
    }

    @Test
    void a_round_that_lost_one_side_to_a_failed_fork_gives_no_ratio() {
        Row row = Row.pair("a ÷ b", "s", "A.a", "A.b", Target.NONE);
        List<ForkFigure> figures = List.of(
                fork("s", 0, "A.a", 30, 1), fork("s", 0, "A.b", 10, 1),
                fork("s", 1, "A.a", 60, 1));

        assertThat(row.perFork(figures)).containsExactly(3.0);
        assertThat(Row.pair("c ÷ b", "s", "A.c", "A.b", Target.NONE).perFork(figures)).isEmpty();
    }

    @Test
    void the_same_benchmark_in_another_segment_is_not_mixed_in() {
        Row row = Row.pair("a ÷ b", "s", "A.a", "A.b", Target.NONE);
        List<ForkFigure> figures = List.of(
                fork("s", 0, "A.a", 30, 1), fork("s", 0, "A.b", 10, 1),
                fork("other", 0, "A.a", 1000, 9), fork("other", 1, "A.a", 1000, 9), fork("other", 1, "A.b", 1, 9));

        assertThat(row.perFork(figures)).containsExactly(3.0);
        assertThat(row.loads(figures)).containsExactly(1.0, 1.0);
    }

    @Test
    void a_growth_row_divides_one_forms_growth_by_the_others_within_each_round() {
        Row growth = new Row("growth", "s", List.of("A.directLoaded", "A.monadic"), List.of("A.direct", "A.monadicLoaded"), Target.NONE);
        List<ForkFigure> figures = List.of(
                // direct grows 5× (100 → 500), monadic 2× (10 → 20): the direct step suffers 2.5× more
                fork("s", 0, "A.direct", 100, 1), fork("s", 0, "A.directLoaded", 500, 3),
                fork("s", 0, "A.monadic", 10, 1), fork("s", 0, "A.monadicLoaded", 20, 3));

        assertThat(growth.perFork(figures)).singleElement().satisfies(value -> assertThat(value).isCloseTo(2.5, within(1e-12)));
    }
}
