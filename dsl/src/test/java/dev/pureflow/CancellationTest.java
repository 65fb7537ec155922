package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Cancelling a run: in-flight actions are interrupted, branches stopped, finalizers run, the handle reports it. */
class CancellationTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void cancel_interrupts_a_blocked_action_and_the_handle_reports_cancellation() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("forever")));
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(1);
        assertThat(handle.isDone()).isTrue();
        assertThat(handle.isCancelled()).isTrue();
        assertThat(handle.outcome().get().getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancellation_stops_the_flow_so_no_later_step_runs() throws Exception {
        Program<Integer> flow = Program.perform(new Cmd.Block("first")).flatMap(s -> Program.perform(new Cmd.Get(2)));
        RunHandle<Integer> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.performed).containsExactly(new Cmd.Block("first"));
    }

    @Test
    void after_a_cancel_no_further_step_or_flow_function_runs_even_where_no_action_looks_at_the_interrupt() throws Exception {
        AtomicReference<RunHandle<Void>> self = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger continuationsAfterCancel = new java.util.concurrent.atomic.AtomicInteger();
        // Note answers at once and never looks at its thread's interrupt: only the run's own check stops it
        Program<Void> flow = Program.perform(new Cmd.Gate("first"))
                .flatMap(first -> {
                    self.get().cancel();
                    return Program.perform(new Cmd.Note("after the cancel"));
                })
                .flatMap(note -> {
                    continuationsAfterCancel.incrementAndGet();
                    return Program.perform(new Cmd.Note("later still"));
                });
        RunHandle<Void> handle = runner.start(flow);
        self.set(handle);
        world.awaitAtGate(1);

        world.openGate();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.performed).containsExactly(new Cmd.Gate("first"));
        assertThat(continuationsAfterCancel).as("flow functions called after the cancel").hasValue(0);
    }

    @Test
    void cancellation_is_not_an_error_recover_or_attempt_can_catch() throws Exception {
        AtomicBoolean handlerCalled = new AtomicBoolean();
        Program<String> flow = Program.perform(new Cmd.Block("b"))
                .recover(error -> {
                    handlerCalled.set(true);
                    return "recovered";
                })
                .attempt()
                .map(tried -> "attempted");
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(handlerCalled).isFalse();
    }

    @Test
    void cancellation_runs_finalizers_before_the_handle_completes() throws Exception {
        CountDownLatch finalizerMayEnd = new CountDownLatch(1);
        AtomicBoolean finalizerEnded = new AtomicBoolean();
        Program<String> flow = Program.perform(new Cmd.Block("use")).ensuring(Program.defer(() -> {
            awaitQuietly(finalizerMayEnd);
            finalizerEnded.set(true);
            return Program.perform(new Cmd.Note("finalized"));
        }));
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();
        assertThat(handle.isDone()).as("the handle waits for the finalizer").isFalse();
        finalizerMayEnd.countDown();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(finalizerEnded).isTrue();
        assertThat(world.performed).containsExactly(new Cmd.Block("use"), new Cmd.Note("finalized"));
    }

    @Test
    void cancel_during_a_parallel_block_interrupts_every_running_branch() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(3)));
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("a")), Program.perform(new Cmd.Block("b")), Program.perform(new Cmd.Block("c")));
        RunHandle<List<String>> handle = parallel.start(flow.ensuring(Program.perform(new Cmd.Note("after block"))));
        world.awaitBlocked(3);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(3);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(world.performed).last().isEqualTo(new Cmd.Note("after block"));
    }

    @Test
    void cancel_during_a_parallel_block_runs_finalizers_of_every_branch() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(2)));
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("a")).ensuring(Program.perform(new Cmd.Note("release a"))),
                Program.perform(new Cmd.Block("b")).ensuring(Program.perform(new Cmd.Note("release b"))));
        RunHandle<List<String>> handle = parallel.start(flow);
        world.awaitBlocked(2);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.performed).filteredOn(Cmd.Note.class::isInstance)
                .containsExactlyInAnyOrder(new Cmd.Note("release a"), new Cmd.Note("release b"));
    }

    @Test
    void cancel_before_the_run_thread_starts_performs_nothing() {
        GatedClock clock = new GatedClock();
        RunHandle<Integer> handle = runner.with(options -> options.clock(clock)).start(Program.perform(new Cmd.Get(1)));

        handle.cancel();
        clock.open();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.performed).isEmpty();
    }

    @Test
    void cancel_after_the_run_ended_changes_nothing() {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Get(4)));
        assertThat(handle.await()).isEqualTo(4);

        handle.cancel();

        assertThat(handle.await()).isEqualTo(4);
        assertThat(handle.isCancelled()).isFalse();
    }

    @Test
    void interrupting_the_thread_in_run_cancels_the_run_runs_finalizers_and_keeps_the_interrupt_flag() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlagKept = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                runner.run(Program.perform(new Cmd.Block("b")).ensuring(Program.perform(new Cmd.Note("cleanup"))));
            } catch (Throwable error) {
                thrown.set(error);
                interruptFlagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        world.awaitBlocked(1);

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(World.PATIENCE_SECONDS));

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptFlagKept).isTrue();
        assertThat(world.interrupted).hasValue(1);
        assertThat(world.performed).last().isEqualTo(new Cmd.Note("cleanup"));
    }

    @Test
    void interrupting_the_thread_in_attempt_throws_cancellation_rather_than_returning_it() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                result.set(runner.attempt(Program.perform(new Cmd.Block("b"))));
            } catch (Throwable error) {
                result.set(error);
            }
        });
        world.awaitBlocked(1);

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(World.PATIENCE_SECONDS));

        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get()).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(1);
    }

    @Test
    void cancelling_a_direct_style_run_throws_cancellation_at_the_blocked_perform() throws Exception {
        AtomicReference<Throwable> seenByBody = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            try {
                return f.perform(new Cmd.Block("inside body"));
            } catch (RuntimeException error) {
                seenByBody.set(error);
                throw error;
            }
        });
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(seenByBody.get()).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(1);
    }

    /** The system clock, except that the threads it starts wait for {@link #open()} before they begin. */
    private static final class GatedClock implements Clock {
        private final CountDownLatch gate = new CountDownLatch(1);

        void open() {
            gate.countDown();
        }

        @Override
        public java.time.Instant instant() {
            return Clock.system().instant();
        }

        @Override
        public long nanoTime() {
            return Clock.system().nanoTime();
        }

        @Override
        public void sleep(java.time.Duration duration) throws InterruptedException {
            Clock.system().sleep(duration);
        }

        @Override
        public void await(java.util.concurrent.CompletionStage<?> stage) throws InterruptedException {
            Clock.system().await(stage);
        }

        @Override
        public boolean await(java.util.concurrent.CompletionStage<?> stage, java.time.Duration timeout) throws InterruptedException {
            return Clock.system().await(stage, timeout);
        }

        @Override
        public Thread startThread(String name, Runnable task) {
            return Clock.system().startThread(name, () -> {
                awaitQuietly(gate);
                task.run();
            });
        }
    }

    @Test
    void a_direct_body_cancelled_while_computing_gets_cancellation_at_its_next_perform() throws Exception {
        CountDownLatch bodyComputing = new CountDownLatch(1);
        AtomicBoolean mayContinue = new AtomicBoolean();
        AtomicReference<Throwable> seenByBody = new AtomicReference<>();
        Program<Integer> flow = Program.direct(f -> {
            int first = f.perform(new Cmd.Get(1));
            bodyComputing.countDown();
            while (!mayContinue.get()) {
                Thread.onSpinWait(); // computing: nothing here notices an interrupt
            }
            try {
                return first + f.perform(new Cmd.Get(2));
            } catch (CancellationException cancelled) {
                seenByBody.set(cancelled);
                throw cancelled;
            }
        });
        RunHandle<Integer> handle = runner.start(flow);
        assertThat(bodyComputing.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        mayContinue.set(true);

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(seenByBody.get()).isSameAs(handle.outcome().get().getCause());
        assertThat(world.performed).containsExactly(new Cmd.Get(1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            throw new AssertionError("a finalizer was interrupted", e);
        }
    }
}
