package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TimedInVirtualTimeTest {

    /** Sleeps {@code millis} on the clock, then answers with them, or fails if {@code fails}. */
    record Work(long millis, boolean fails) implements Action<Long> {
        static Work succeeding(long millis) {
            return new Work(millis, false);
        }

        static Work failing(long millis) {
            return new Work(millis, true);
        }
    }

    /** Answered by {@link Flaky}. */
    record Fetch(String what) implements Action<String> {}

    private final VirtualClock clock = VirtualClock.start();
    private final List<Timing> timings = new CopyOnWriteArrayList<>();

    private Executor working(VirtualClock on) {
        return Executor.of(Work.class, work -> {
            on.sleep(Duration.ofMillis(work.millis()));
            if (work.fails()) {
                throw new IOException("failed after " + work.millis() + " ms");
            }
            return work.millis();
        });
    }

    private Runner runnerOf(Executor executor) {
        return Runner.of(executor).with(options -> options.clock(clock));
    }

    @Test
    void timed_reports_virtual_durations_exactly_for_successes_and_failures() {
        Program<Long> flow = Program.perform(Work.succeeding(250))
                .andThen(Program.perform(Work.succeeding(1_500)))
                .andThen(Program.perform(Work.failing(300)));

        assertThatThrownBy(() -> runnerOf(working(clock).with(timed(timings::add, clock))).run(flow))
                .isInstanceOf(ActionFailedException.class);

        assertThat(timings).containsExactly(
                new Timing(Work.succeeding(250), Duration.ofMillis(250), true),
                new Timing(Work.succeeding(1_500), Duration.ofMillis(1_500), true),
                new Timing(Work.failing(300), Duration.ofMillis(300), false));
    }

    @Test
    void timed_outside_retried_measures_attempts_and_delays_together() {
        Flaky flaky = Flaky.failingFirst(2, clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(100))).withJitter(0);

        runnerOf(flaky.with(retried(policy, clock)).with(timed(timings::add, clock))).run(Program.perform(new Fetch("x")));

        assertThat(timings).extracting(Timing::duration, Timing::succeeded)
                .containsExactly(tuple(Duration.ofMillis(200), true));
    }

    @Test
    void timed_inside_retried_measures_each_attempt() {
        Flaky flaky = Flaky.failingFirst(2, clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(100))).withJitter(0);

        runnerOf(flaky.with(timed(timings::add, clock)).with(retried(policy, clock))).run(Program.perform(new Fetch("x")));

        assertThat(timings).extracting(Timing::succeeded).containsExactly(false, false, true);
        assertThat(timings).extracting(Timing::duration).containsOnly(Duration.ZERO);
    }

    @Test
    void a_sink_that_throws_fails_the_action() {
        TimingSink broken = timing -> {
            throw new IllegalStateException("metrics backend down");
        };

        assertThatThrownBy(() -> runnerOf(working(clock).with(timed(broken, clock))).run(Program.perform(Work.succeeding(5))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("metrics backend down");
    }

    @Test
    void timed_keeps_parallelism_and_rejects_a_missing_sink() {
        assertThat(working(clock).with(parallelize(3)).with(timed(timings::add, clock)).parallelism()).isEqualTo(3);
        assertThatThrownBy(() -> timed(null, clock)).isInstanceOf(NullPointerException.class).hasMessage("sink");
    }

    @Property(tries = 60)
    void parallel_branches_are_each_timed_at_their_own_virtual_duration(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 100_000) Integer> millis) {
        VirtualClock own = VirtualClock.start();
        List<Timing> measured = new CopyOnWriteArrayList<>();
        Executor executor = working(own).with(timed(measured::add, own)).with(parallelize(millis.size()));

        Runner.of(executor).with(options -> options.clock(own))
                .run(Program.parTraverse(millis, ms -> Program.perform(Work.succeeding(ms))));

        assertThat(measured).extracting(timing -> ((Work) timing.action()).millis()).containsExactlyInAnyOrderElementsOf(
                millis.stream().map(Integer::longValue).toList());
        assertThat(measured).allSatisfy(timing ->
                assertThat(timing.duration()).isEqualTo(Duration.ofMillis(((Work) timing.action()).millis())));
    }
}
