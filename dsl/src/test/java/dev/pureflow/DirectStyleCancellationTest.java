package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a run with a direct-style body: the body runs on the run's thread, so cancellation
 * interrupts it even between performs, and what it sees is the run's own cancellation.
 */
class DirectStyleCancellationTest {

    /** Far longer than any test here may take: only an interrupt ends these waits. */
    private static final Duration FOREVER = Duration.ofMinutes(10);
    /** A hang detector, sized for a slow and busy machine: the runs below end in milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void a_run_deadline_interrupts_a_body_sleeping_between_performs() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(200)));
        Program<Integer> flow = Program.direct(f -> {
            int first = f.perform(new Cmd.Get(1));
            Thread.sleep(FOREVER);
            return first + f.perform(new Cmd.Get(2));
        });

        RunHandle<Integer> handle = impatient.start(flow);

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(FlowTimeoutException.class);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(world.performed).containsExactly(new Cmd.Get(1));
    }

    @Test
    void a_body_woken_from_a_queue_by_the_deadline_gets_the_runs_own_timeout_at_its_next_perform() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(200)));
        AtomicReference<Throwable> seenByBody = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            try {
                return new LinkedBlockingQueue<String>().take();
            } catch (InterruptedException woken) {
                try {
                    return f.perform(new Cmd.Echo("after the wake-up"));
                } catch (CancellationException cancelled) {
                    seenByBody.set(cancelled);
                    throw cancelled;
                }
            }
        });

        RunHandle<String> handle = impatient.start(flow);

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(FlowTimeoutException.class);
        assertThat(seenByBody.get()).isInstanceOf(FlowTimeoutException.class).isSameAs(handle.outcome().get().getCause());
        assertThat(world.performed).isEmpty();
    }

    @Test
    void the_body_blocked_in_an_action_sees_the_runs_own_timeout_not_a_new_cancellation() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(200)));
        AtomicReference<Throwable> seenByBody = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            try {
                return f.perform(new Cmd.Block("stuck"));
            } catch (CancellationException cancelled) {
                seenByBody.set(cancelled);
                throw cancelled;
            }
        });

        Try<String> outcome = impatient.attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(seenByBody.get()).isSameAs(outcome.getCause());
        assertThat(world.interrupted).hasValue(1);
    }

    @Test
    void cancelling_a_run_interrupts_bodies_blocked_between_performs_in_parallel_branches() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(3)));
        CountDownLatch bodiesWaiting = new CountDownLatch(3);
        Program<List<Integer>> flow = Program.parallel(List.range(0, 3).map(n -> Program.direct(f -> {
            f.perform(new Cmd.Get(n));
            bodiesWaiting.countDown();
            Thread.sleep(FOREVER);
            return n;
        })));
        RunHandle<List<Integer>> handle = parallel.start(flow);
        assertThat(bodiesWaiting.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(world.performed).hasSize(3);
    }

    @Test
    void outside_an_uncancellable_region_a_perform_after_cancellation_throws_at_once() throws Exception {
        Program<String> flow = Program.direct(f -> {
            try {
                return f.perform(new Cmd.Block("work"));
            } finally {
                f.perform(new Cmd.Note("cleanup")); // throws: the run is cancelled
            }
        });
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(world.performed).containsExactly(new Cmd.Block("work"));
    }

    @Test
    void a_cancelled_body_that_swallows_the_interrupt_and_returns_still_ends_the_run_cancelled() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        Program<Integer> flow = Program.direct(f -> {
            try {
                sleeping.countDown();
                Thread.sleep(FOREVER);
            } catch (InterruptedException swallowed) {
                // a body that ignores its interrupt still cannot pass off the run as a success
            }
            return 42;
        }).flatMap(answer -> Program.perform(new Cmd.Get(answer)));
        RunHandle<Integer> handle = runner.start(flow);
        assertThat(sleeping.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(() -> handle.await(HANG)).isInstanceOf(CancellationException.class);
        assertThat(world.performed).isEmpty();
    }
}
