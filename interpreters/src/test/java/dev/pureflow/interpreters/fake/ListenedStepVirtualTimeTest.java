package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A listened run on a {@link VirtualClock}: each step's duration is exactly the virtual time its
 * executor waited, and its start is the virtual instant it started at, in parallel branches and
 * direct-style bodies alike (the runner derives the start instant from its start reading).
 */
class ListenedStepVirtualTimeTest {

    /** Waits {@code millis} of the clock's time, then answers with them; {@code id} tells steps apart. */
    record Wait(int id, int millis) implements Action<Integer> {}

    /** One ended step: the step, its duration and the virtual instant the executor began at. */
    record Ended(Step step, Duration duration) {}

    @Property(tries = 10)
    void a_steps_duration_and_start_are_the_virtual_time_it_waited_and_began_at(
            @ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 500) Integer> millis,
            @ForAll @IntRange(min = 1, max = 3) int parallelism) {
        VirtualClock clock = VirtualClock.start();
        Map<Integer, Instant> beganAt = new ConcurrentHashMap<>();
        Executor waiting = Executor.of(Wait.class, wait -> {
            beganAt.put(wait.id(), clock.instant());
            clock.sleep(Duration.ofMillis(wait.millis()));
            return wait.millis();
        });
        Map<Integer, Ended> ended = new ConcurrentHashMap<>();
        StepListener listener = StepListener.onFinished((step, outcome, duration) -> {
            assertThat(outcome).isEqualTo(Try.success(((Wait) step.action()).millis()));
            ended.put(((Wait) step.action()).id(), new Ended(step, duration));
        });
        Runner runner = Runner.of(waiting.with(parallelize(parallelism))).with(options -> options.clock(clock).listener(listener));
        // the same waits: first one after another, then in a direct-style body, then as parallel branches
        int n = millis.size();
        Program<Integer> sequence = List.range(0, n).foldLeft(Program.pure(0),
                (flow, i) -> flow.flatMap(sum -> Program.perform(new Wait(i, millis.get(i))).map(w -> sum + w)));
        Program<Integer> body = Program.direct(flow -> {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += flow.perform(new Wait(n + i, millis.get(i)));
            }
            return sum;
        });
        Program<List<Integer>> branches = Program.parallel(List.range(0, n).map(i -> Program.perform(new Wait(2 * n + i, millis.get(i)))));

        runner.run(sequence.flatMap(a -> body).flatMap(b -> branches));

        assertThat(ended).hasSize(3 * n);
        for (int id = 0; id < 3 * n; id++) {
            Ended step = ended.get(id);
            assertThat(step.duration()).isEqualTo(Duration.ofMillis(millis.get(id % n)));
            assertThat(step.step().startedAt()).isEqualTo(beganAt.get(id));
        }
    }
}
