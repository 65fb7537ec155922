package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.watch.SystemClockForwarder;
import io.vavr.collection.List;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Combinators#timed}: the sink gets one {@link Timing} per action, with its duration and whether it succeeded. */
class TimedTest {

    private final java.util.List<Timing> timings = new CopyOnWriteArrayList<>();
    private final Executor base = Executor.of(Task.class, task -> switch (task) {
        case Task.Work work -> work.name();
        case Task.Flaky flaky -> throw new IllegalStateException("broke");
        case Task.Login login -> login.user();
    });

    @Test
    void the_sink_gets_one_timing_per_action_with_the_succeeded_flag() {
        Runner runner = Runner.of(base.with(timed(timings::add)));

        runner.run(Program.perform(new Task.Work("a")).flatMap(a -> Program.perform(new Task.Work("b"))));
        assertThatThrownBy(() -> runner.run(Program.perform(new Task.Flaky("c")))).hasRootCauseMessage("broke");

        assertThat(timings).extracting(Timing::action)
                .containsExactly(new Task.Work("a"), new Task.Work("b"), new Task.Flaky("c"));
        assertThat(timings).extracting(Timing::succeeded).containsExactly(true, true, false);
        assertThat(timings).allSatisfy(timing -> assertThat(timing.duration().isNegative()).isFalse());
    }

    @Test
    void the_duration_is_measured_on_the_given_clock() {
        SteppingClock clock = new SteppingClock(Duration.ofMillis(7));

        Runner.of(base.with(timed(timings::add, clock))).run(Program.perform(new Task.Work("a")));

        assertThat(timings).singleElement().satisfies(timing -> assertThat(timing.duration()).isEqualTo(Duration.ofMillis(7)));
    }

    @Test
    void actions_of_parallel_branches_are_each_timed_once() {
        Runner runner = Runner.of(base.with(timed(timings::add)).with(Combinators.parallelize(3)));

        runner.run(Program.parallel(List.range(0, 6).map(i -> Program.perform(new Task.Work("w" + i)))));

        assertThat(timings).extracting(timing -> ((Task.Work) timing.action()).name())
                .containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4", "w5");
    }

    @Test
    void a_sink_that_throws_fails_the_action() {
        Runner runner = Runner.of(base.with(timed(timing -> {
            throw new IllegalStateException("sink full");
        })));

        assertThatThrownBy(() -> runner.run(Program.perform(new Task.Work("a")))).hasRootCauseMessage("sink full");
    }

    @Test
    void a_timing_shows_its_action_with_its_redaction() {
        Timing timing = new Timing(new Task.Login("ada", "s3cret"), Duration.ofMillis(5), true,
                dev.pureflow.Redaction.DEFAULT.masking("password"));

        assertThat(timing).hasToString("Timing[action=Login[user=ada, password=***], duration=PT0.005S, succeeded=true]");
        assertThat(new Timing(new Task.Work("w"), Duration.ZERO, false)).hasToString("Timing[action=Work[name=w], duration=PT0S, succeeded=false]");
    }

    @Test
    void timed_keeps_the_parallelism_of_the_executor_it_wraps() {
        assertThat(base.with(Combinators.parallelize(2)).with(timed(timings::add)).parallelism()).isEqualTo(2);
    }

    /** A clock whose monotonic reading advances by a fixed step at each read. */
    static final class SteppingClock extends SystemClockForwarder {
        private final AtomicLong nanos = new AtomicLong();
        private final long step;

        SteppingClock(Duration step) {
            this(0, step);
        }

        /** Starting at {@code origin}: a monotonic reading may start anywhere, negative numbers included. */
        SteppingClock(long origin, Duration step) {
            this.nanos.set(origin);
            this.step = step.toNanos();
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH;
        }

        @Override
        public long nanoTime() {
            return nanos.getAndAdd(step);
        }

        @Override
        public void sleep(Duration duration) {
            throw new UnsupportedOperationException();
        }
    }
}
