package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class VirtualClockProperties {

    /** Sleeps {@code millis} on the clock and answers with the clock's elapsed time when it woke. */
    record Nap(int millis) implements Action<Duration> {}

    private static Runner napping(VirtualClock clock, int parallelism) {
        Executor napper = Executor.of(Nap.class, nap -> {
            clock.sleep(Duration.ofMillis(nap.millis()));
            return clock.elapsed();
        });
        return Runner.of(napper.with(parallelize(parallelism))).with(options -> options.clock(clock));
    }

    private static Program<io.vavr.collection.List<Duration>> napsInParallel(List<Integer> millis) {
        return Program.parallel(millis.stream().map(ms -> Program.perform(new Nap(ms))).toList());
    }

    @Property(tries = 150)
    void parallel_branches_that_each_sleep_end_after_the_longest_sleep(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 600_000) Integer> millis) {
        VirtualClock clock = VirtualClock.start();

        var wokeAt = napping(clock, millis.size()).run(napsInParallel(millis));

        assertThat(wokeAt).containsExactlyElementsOf(millis.stream().map(Duration::ofMillis).toList());
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(Collections.max(millis)));
    }

    @Property(tries = 150)
    void branches_beyond_the_parallelism_start_as_workers_free_up_in_input_order(
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 60_000) Integer> millis,
            @ForAll @IntRange(min = 1, max = 4) int parallelism) {
        VirtualClock clock = VirtualClock.start();
        List<Duration> expectedEnds = listSchedule(millis, parallelism);

        var wokeAt = napping(clock, parallelism).run(napsInParallel(millis));

        assertThat(wokeAt).containsExactlyElementsOf(expectedEnds);
        assertThat(clock.elapsed()).isEqualTo(Collections.max(expectedEnds));
    }

    @Property(tries = 50)
    void the_same_parallel_flow_ends_at_the_same_virtual_times_on_every_run(
            @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 0, max = 5_000) Integer> millis,
            @ForAll @IntRange(min = 1, max = 3) int parallelism) {
        VirtualClock first = VirtualClock.start();
        VirtualClock second = VirtualClock.start();

        var firstRun = napping(first, parallelism).run(napsInParallel(millis));
        var secondRun = napping(second, parallelism).run(napsInParallel(millis));

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(second.elapsed()).isEqualTo(first.elapsed());
    }

    @Property(tries = 200)
    void sequential_sleeps_add_up_to_the_nanosecond(
            @ForAll @Size(max = 20) List<@LongRange(min = 0, max = 86_400_000_000_000L) Long> nanos)
            throws InterruptedException {
        VirtualClock clock = VirtualClock.start();

        for (long length : nanos) {
            clock.sleep(Duration.ofNanos(length));
        }

        assertThat(clock.elapsed()).isEqualTo(Duration.ofNanos(nanos.stream().mapToLong(Long::longValue).sum()));
    }

    @Property(tries = 100)
    void sequential_steps_of_a_flow_take_the_sum_of_their_sleeps(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 600_000) Integer> millis) {
        VirtualClock clock = VirtualClock.start();

        napping(clock, 1).run(Program.traverse(millis, ms -> Program.perform(new Nap(ms))));

        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(millis.stream().mapToLong(Integer::longValue).sum()));
    }

    @Property(tries = 100)
    void instant_is_always_the_origin_plus_the_elapsed_time(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long originSeconds,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000_000L) long sleptNanos) throws InterruptedException {
        Instant origin = Instant.ofEpochSecond(originSeconds);
        VirtualClock clock = VirtualClock.startingAt(origin);

        clock.sleep(Duration.ofNanos(sleptNanos));

        assertThat(clock.instant()).isEqualTo(origin.plusNanos(sleptNanos));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofNanos(sleptNanos));
    }

    /**
     * When each branch ends if branches are taken in input order by whichever of {@code workers}
     * is free first: what a parallel block with that parallelism does with sleeping branches.
     */
    private static List<Duration> listSchedule(List<Integer> millis, int workers) {
        PriorityQueue<Long> freeAt = new PriorityQueue<>();
        for (int w = 0; w < workers; w++) {
            freeAt.add(0L);
        }
        List<Duration> ends = new ArrayList<>();
        for (int length : millis) {
            long end = freeAt.poll() + length;
            ends.add(Duration.ofMillis(end));
            freeAt.add(end);
        }
        return ends;
    }
}
