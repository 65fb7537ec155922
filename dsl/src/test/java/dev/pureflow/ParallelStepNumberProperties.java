package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Step numbers are an order of arrival: however many branches perform at once, each step of a run
 * gets its own number, and the numbers are 1 to the number of steps.
 */
class ParallelStepNumberProperties {

    @Property(tries = 10)
    void every_step_of_a_run_gets_its_own_number_while_branches_perform_at_once(
            @ForAll @IntRange(min = 2, max = 8) int branches,
            @ForAll @IntRange(min = 2, max = 8) int parallelism,
            @ForAll @IntRange(min = 1_000, max = 20_000) int stepsPerBranch) {
        // each thread notes its numbers in a list of its own: a shared queue would order the steps for the runner
        Map<Thread, java.util.List<Long>> numbersByThread = new ConcurrentHashMap<>();
        StepListener listener = new StepListener() {
            @Override
            public void started(Step step) {
                numbersByThread.computeIfAbsent(Thread.currentThread(), thread -> new ArrayList<>()).add(step.number());
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {}
        };
        // an executor that answers at once and shares nothing: steps of different branches really overlap
        Runner runner = Runner.of(Executor.of(Cmd.Get.class, Cmd.Get::n).with(parallelize(parallelism))).with(options -> options.listener(listener));
        Program<Integer> branch = List.range(0, stepsPerBranch)
                .foldLeft(Program.pure(0), (program, i) -> program.flatMap(sum -> Program.perform(new Cmd.Get(i)).map(n -> sum + n)));
        // steps before and after the block too: the count goes on across the switch to concurrent numbering and back
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(first -> Program.parallel(List.fill(branches, branch)))
                .flatMap(sums -> Program.perform(new Cmd.Get(2)));

        runner.run(flow);

        long total = 2 + (long) branches * stepsPerBranch;
        java.util.List<Long> numbers = numbersByThread.values().stream().flatMap(java.util.List::stream).toList();
        assertThat(numbers).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(numbers.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1);
        assertThat(numbers.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(total);
    }
}
