package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Flow#uncancellable}: a direct-style body's cleanup still acts after the run is cancelled. */
class UncancellableRegionTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void a_kill_in_the_region_of_a_finally_is_performed_once_after_cancellation_and_the_run_ends_cancelled() throws Exception {
        Program<String> flow = Program.direct(f -> {
            String job = f.perform(new Cmd.Echo("job-7"));
            try {
                return f.perform(new Cmd.Block("await " + job));
            } finally {
                f.uncancellable(() -> f.perform(new Cmd.Note("kill " + job)));
            }
        });
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(world.performed).containsExactly(new Cmd.Echo("job-7"), new Cmd.Block("await job-7"), new Cmd.Note("kill job-7"));
    }

    @Test
    void the_region_keeps_a_run_deadline_from_stopping_the_cleanup_and_the_run_ends_with_the_timeout() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(200)));
        Program<String> flow = Program.direct(f -> {
            try {
                return f.perform(new Cmd.Block("work"));
            } finally {
                f.uncancellable(() -> f.perform(new Cmd.Note("release")));
            }
        });

        RunHandle<String> handle = impatient.start(flow);

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(FlowTimeoutException.class);
        assertThat(world.performed).containsExactly(new Cmd.Block("work"), new Cmd.Note("release"));
    }

    @Test
    void a_cancellation_during_the_region_does_not_interrupt_it_and_is_delivered_at_the_next_perform() throws Exception {
        AtomicReference<String> regionAnswer = new AtomicReference<>();
        AtomicReference<Throwable> afterRegion = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            regionAnswer.set(f.uncancellable(() -> f.perform(new Cmd.Gate("in the region"))));
            try {
                return f.perform(new Cmd.Echo("after the region"));
            } catch (CancellationException cancelled) {
                afterRegion.set(cancelled);
                throw cancelled;
            }
        });
        RunHandle<String> handle = runner.start(flow);
        world.awaitAtGate(1);

        handle.cancel();
        world.openGate();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(regionAnswer.get()).isEqualTo("in the region");
        assertThat(world.interrupted).hasValue(0);
        assertThat(afterRegion.get()).isSameAs(handle.outcome().get().getCause());
        assertThat(world.performed).containsExactly(new Cmd.Gate("in the region"));
    }

    @Test
    void leaving_the_region_of_a_cancelled_run_interrupts_the_body_again() throws Exception {
        AtomicBoolean interruptedAfterRegion = new AtomicBoolean();
        CountDownLatch inRegion = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Program<Integer> flow = Program.direct(f -> {
            f.uncancellable(() -> {
                inRegion.countDown();
                while (!cancelled.get()) {
                    Thread.onSpinWait();
                }
                return null;
            });
            interruptedAfterRegion.set(Thread.currentThread().isInterrupted());
            return 1;
        });
        RunHandle<Integer> handle = runner.start(flow);
        assertThat(inRegion.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        cancelled.set(true);

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(interruptedAfterRegion).isTrue();
    }

    @Test
    void the_region_returns_its_value_and_changes_nothing_when_the_run_is_not_cancelled() {
        Program<Integer> flow = Program.direct(f -> f.uncancellable(() -> f.perform(new Cmd.Get(1)) + f.perform(new Cmd.Get(2)))
                + f.perform(new Cmd.Get(3)));

        assertThat(runner.run(flow)).isEqualTo(6);
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Get(2), new Cmd.Get(3));
    }

    @Test
    void a_failed_action_in_the_region_is_thrown_at_its_call_and_a_checked_error_is_wrapped() {
        IOException checked = new IOException("region gave up");
        Program<String> flow = Program.direct(f -> {
            try {
                f.uncancellable(() -> f.perform(new Cmd.Fails("kill failed")));
                return "not reached";
            } catch (ActionFailedException failed) {
                try {
                    return f.uncancellable(() -> {
                        throw checked;
                    });
                } catch (FlowFailedException wrapped) {
                    return failed.getCause().getMessage() + ", then " + wrapped.getCause().getMessage();
                }
            }
        });

        assertThat(runner.run(flow)).isEqualTo("kill failed, then region gave up");
    }

    @Test
    void regions_nest_and_a_parallel_block_in_a_region_of_a_cancelled_run_runs_every_branch() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(3)));
        AtomicReference<List<String>> cleanedUp = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            try {
                return f.perform(new Cmd.Block("work"));
            } finally {
                f.uncancellable(() -> f.uncancellable(() -> {
                    cleanedUp.set(f.parallel(List.of("a", "b", "c").map(name -> Program.perform(new Cmd.Echo("release " + name)))));
                    return f.perform(new Cmd.Note("after the nested region"));
                }));
            }
        });
        RunHandle<String> handle = parallel.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(cleanedUp.get()).containsExactly("release a", "release b", "release c");
        assertThat(world.performed).contains(new Cmd.Note("after the nested region"));
    }

    @Test
    void a_region_entered_after_a_cancellation_clears_the_interrupt_its_actions_would_otherwise_see() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Program<String> flow = Program.direct(f -> {
            computing.countDown();
            while (!cancelled.get()) {
                Thread.onSpinWait(); // the cancel's interrupt lands here, between performs
            }
            return f.uncancellable(() -> f.perform(new Cmd.Gate("cleanup")));
        });
        RunHandle<String> handle = runner.start(flow);
        assertThat(computing.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        cancelled.set(true);
        world.awaitAtGate(1);

        world.openGate();

        Try<String> outcome = handle.awaitOutcome();
        assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(0);
        assertThat(world.performed).containsExactly(new Cmd.Gate("cleanup"));
    }

    @Test
    void a_handle_region_from_another_thread_is_rejected() {
        AtomicReference<Throwable> rejected = new AtomicReference<>();
        Program<Integer> flow = Program.direct(f -> {
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    f.uncancellable(() -> f.perform(new Cmd.Get(1)));
                } catch (Throwable error) {
                    rejected.set(error);
                }
            });
            other.join();
            return 0;
        });

        assertThat(runner.run(flow)).isZero();
        assertThat(rejected.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("outside the thread");
        assertThat(world.performed).isEmpty();
    }
}
