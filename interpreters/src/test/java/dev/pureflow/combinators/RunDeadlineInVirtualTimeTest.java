package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.RunOptions;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run deadline of {@link RunOptions#timeout(Duration)}, on a virtual clock. */
class RunDeadlineInVirtualTimeTest {

    sealed interface Cmd<R> extends Action<R> {}

    /** Sleeps {@code seconds} on the clock, then answers "slept". */
    record Nap(long seconds) implements Cmd<String> {}

    /** A finalizer's work: sleeps {@code seconds}, then notes that it finished. */
    record Cleanup(long seconds) implements Cmd<Void> {}

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final VirtualClock clock = VirtualClock.start();
    private final List<Duration> interruptedAt = new CopyOnWriteArrayList<>();
    private final List<Duration> cleanupsFinishedAt = new CopyOnWriteArrayList<>();

    private final Executor world = Executor.of(Cmd.class, cmd -> switch (cmd) {
        case Nap nap -> {
            try {
                clock.sleep(Duration.ofSeconds(nap.seconds()));
            } catch (InterruptedException interrupted) {
                interruptedAt.add(clock.elapsed());
                throw interrupted;
            }
            yield "slept";
        }
        case Cleanup cleanup -> {
            clock.sleep(Duration.ofSeconds(cleanup.seconds()));
            cleanupsFinishedAt.add(clock.elapsed());
            yield null;
        }
    });

    private Runner withDeadline(Executor executor) {
        return Runner.of(executor).with(options -> options.clock(clock).timeout(DEADLINE));
    }

    @Test
    void a_run_past_its_deadline_fails_with_FlowTimeoutException_at_exactly_the_deadline() {
        Program<String> flow = Program.perform(new Nap(4)).andThen(Program.perform(new Nap(4))).andThen(Program.perform(new Nap(100)));

        FlowTimeoutException timedOut = catchThrowableOfType(FlowTimeoutException.class, () -> withDeadline(world).run(flow));

        assertThat(timedOut.timeout()).isEqualTo(DEADLINE);
        assertThat(timedOut).hasMessageContaining("PT10S");
        assertThat(clock.elapsed()).isEqualTo(DEADLINE);
        assertThat(interruptedAt).containsExactly(DEADLINE);
    }

    @Test
    void finalizers_run_exactly_once_and_to_the_end_when_the_deadline_cancels_the_run() {
        Program<String> flow = Program.perform(new Nap(100)).ensuring(Program.perform(new Cleanup(1)));

        assertThatThrownBy(() -> withDeadline(world).run(flow)).isInstanceOf(FlowTimeoutException.class);

        assertThat(cleanupsFinishedAt).as("the finalizer is not interrupted by the cancellation it follows")
                .containsExactly(DEADLINE.plusSeconds(1));
        assertThat(clock.elapsed()).isEqualTo(DEADLINE.plusSeconds(1));
    }

    @Test
    void the_deadline_cancels_every_parallel_branch_and_each_finalizer_runs_once() {
        Program<io.vavr.collection.List<String>> block = Program.parallel(
                        Program.perform(new Nap(100)).ensuring(Program.perform(new Cleanup(0))),
                        Program.perform(new Nap(200)).ensuring(Program.perform(new Cleanup(0))),
                        Program.perform(new Nap(3)))
                .ensuring(Program.perform(new Cleanup(0)));

        assertThatThrownBy(() -> withDeadline(world.with(parallelize(3))).run(block)).isInstanceOf(FlowTimeoutException.class);

        assertThat(interruptedAt).containsExactly(DEADLINE, DEADLINE);
        assertThat(cleanupsFinishedAt).containsExactly(DEADLINE, DEADLINE, DEADLINE);
        assertThat(clock.elapsed()).isEqualTo(DEADLINE);
    }

    @Test
    void recover_cannot_swallow_the_deadline() {
        Program<String> flow = Program.perform(new Nap(100)).recover(error -> "swallowed " + error);

        assertThatThrownBy(() -> withDeadline(world).run(flow)).isInstanceOf(FlowTimeoutException.class);
        assertThat(clock.elapsed()).isEqualTo(DEADLINE);
    }

    @Test
    void a_run_that_ends_before_its_deadline_ends_in_its_own_time() {
        String value = withDeadline(world).run(Program.perform(new Nap(3)));

        assertThat(value).isEqualTo("slept");
        assertThat(clock.elapsed()).as("the deadline does not hold the run's end back").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void the_handle_of_a_run_past_its_deadline_reports_it_as_cancelled_with_the_timeout() throws Exception {
        RunHandle<String> handle = withDeadline(world).start(Program.perform(new Nap(100)));

        assertThatThrownBy(() -> handle.await(Duration.ofSeconds(20))).isInstanceOf(FlowTimeoutException.class);
        assertThat(handle.isDone()).isTrue();
        assertThat(handle.isCancelled()).isTrue();
        assertThat(handle.outcome().get().getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(handle.toCompletionStage().toCompletableFuture())
                .failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause().isInstanceOf(FlowTimeoutException.class);
    }

    @Test
    void a_deadline_must_be_positive() {
        assertThatThrownBy(() -> RunOptions.DEFAULT.timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> RunOptions.DEFAULT.timeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
