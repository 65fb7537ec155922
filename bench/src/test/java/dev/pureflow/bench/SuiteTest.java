package dev.pureflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** The run plan ({@link Segment#SUITE}), the report's rows and the benchmark classes must agree. */
class SuiteTest {

    @Test
    void odd_rounds_run_a_segment_in_reverse_so_each_side_of_a_pair_goes_first_every_other_round() {
        Segment segment = new Segment("s", Segment.Role.TARGETS, Segment.Kind.IN_MEMORY, List.of("A.a", "A.b", "A.c"));
        assertThat(segment.order(0)).containsExactly("A.a", "A.b", "A.c");
        assertThat(segment.order(1)).containsExactly("A.c", "A.b", "A.a");
        assertThat(segment.order(2)).containsExactly("A.a", "A.b", "A.c");
    }

    @Test
    void every_benchmark_a_row_reads_is_run_in_the_rows_segment() {
        for (Row row : Stream.concat(ResultsReport.TARGET_ROWS.stream(), ResultsReport.CONTEXT_ROWS.stream()).toList()) {
            Segment segment = Segment.SUITE.stream().filter(s -> s.name().equals(row.segment())).findFirst().orElseThrow();
            assertThat(segment.benchmarks()).as("segment of row %s", row.label()).containsAll(row.over()).containsAll(row.under());
        }
    }

    @Test
    void every_target_row_is_in_a_target_segment_and_each_pair_runs_side_by_side() {
        for (Row row : ResultsReport.TARGET_ROWS) {
            Segment segment = Segment.SUITE.stream().filter(s -> s.name().equals(row.segment())).findFirst().orElseThrow();
            assertThat(segment.role()).isEqualTo(Segment.Role.TARGETS);
        }
        // the pairs with issue 9's ratio targets, except the left-nested one, whose reference also pairs with two others
        for (Row row : ResultsReport.TARGET_ROWS) {
            if (row.target().exists() && row.over().size() == 1 && !row.label().startsWith("left-nested")) {
                List<String> order = Segment.SUITE.stream().filter(s -> s.name().equals(row.segment())).findFirst().orElseThrow().benchmarks();
                assertThat(Math.abs(order.indexOf(row.over().getFirst()) - order.indexOf(row.under().getFirst())))
                        .as("distance between the sides of %s", row.label()).isEqualTo(1);
            }
        }
    }

    @Test
    void every_benchmark_in_the_plan_is_a_jmh_benchmark_method_and_every_benchmark_method_is_run() throws Exception {
        List<String> planned = Segment.SUITE.stream().flatMap(segment -> segment.benchmarks().stream()).distinct().toList();
        List<String> declared = new ArrayList<>();
        for (String type : List.of("SequentialChainBenchmark", "GeneratorRoundTripBenchmark", "FanOutBenchmark",
                "ProcessBenchmark", "CombinatorOverheadBenchmark")) {
            for (Method method : Class.forName("dev.pureflow.bench." + type).getDeclaredMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    declared.add(type + "." + method.getName());
                }
            }
        }
        assertThat(planned).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void every_mode_gives_targets_at_least_as_many_rounds_as_context_and_short_gives_enough_to_settle() {
        for (RunMode mode : RunMode.values()) {
            assertThat(mode.rounds(Segment.Role.TARGETS)).isGreaterThanOrEqualTo(mode.rounds(Segment.Role.CONTEXT));
        }
        assertThat(RunMode.SHORT.rounds(Segment.Role.TARGETS)).isGreaterThanOrEqualTo(5);
        assertThat(RunMode.LONG.rounds(Segment.Role.TARGETS)).isGreaterThan(RunMode.SHORT.rounds(Segment.Role.TARGETS));
        assertThat(Arrays.stream(RunMode.values()).map(RunMode::label)).containsExactly("smoke", "short", "long");
        assertThat(RunMode.parse("long")).isEqualTo(RunMode.LONG);
        assertThatThrownBy(() -> RunMode.parse("fast")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
    }

    @Test
    void the_load_average_is_the_first_field_of_proc_loadavg() {
        assertThat(LoadAverage.parse("1.98 1.45 1.79 2/301 4242\n")).isEqualTo(1.98);
    }
}
