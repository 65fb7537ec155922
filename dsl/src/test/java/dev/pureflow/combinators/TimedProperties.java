package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@link Combinators#timed} measures a difference of readings: where the clock's reading starts does not matter. */
class TimedProperties {

    @Property(tries = 100)
    void the_duration_is_the_time_between_the_readings_wherever_the_clock_starts(
            @ForAll long origin, @ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long stepNanos) {
        java.util.List<Timing> timings = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(Task.class, task -> "done").with(timed(timings::add, new TimedTest.SteppingClock(origin, Duration.ofNanos(stepNanos))));

        Runner.of(executor).run(Program.perform(new Task.Work("w")));

        assertThat(timings).singleElement().satisfies(timing -> assertThat(timing.duration()).isEqualTo(Duration.ofNanos(stepNanos)));
    }
}
