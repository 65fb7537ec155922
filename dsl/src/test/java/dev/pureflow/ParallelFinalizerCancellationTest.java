package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * A finalizer or a bracket's release that is itself a parallel block runs every branch exactly once
 * when the run is cancelled, by its handle, by its deadline or because a sibling branch failed: a
 * block started where cancellation is masked is uncancellable as a whole.
 */
class ParallelFinalizerCancellationTest {

    private static final Program<List<Void>> CLEANUP =
            Program.parallel(Program.perform(new Cmd.Note("a")), Program.perform(new Cmd.Note("b")));

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor().with(parallelize(2)));

    @Test
    void a_parallel_ensuring_finalizer_runs_every_branch_once_when_the_run_is_cancelled() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("use")).ensuring(CLEANUP));
        world.awaitBlocked(1);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(notes()).containsExactlyInAnyOrder(new Cmd.Note("a"), new Cmd.Note("b"));
    }

    @Test
    void a_parallel_bracket_release_runs_every_branch_once_when_the_run_is_cancelled() throws Exception {
        Program<String> flow = Program.bracket(
                Program.perform(new Cmd.Get(7)),
                resource -> Program.perform(new Cmd.Block("use " + resource)),
                resource -> Program.parallel(
                        Program.perform(new Cmd.Note("release " + resource + " a")),
                        Program.perform(new Cmd.Note("release " + resource + " b"))));
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(notes()).containsExactlyInAnyOrder(new Cmd.Note("release 7 a"), new Cmd.Note("release 7 b"));
    }

    @Test
    void a_parallel_finalizer_in_a_branch_cancelled_by_a_failing_sibling_runs_every_branch_once() {
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("victim")).ensuring(CLEANUP),
                Program.defer(() -> {
                    awaitBlocked(1);
                    return Program.perform(new Cmd.Fails("boom")).map(String::valueOf);
                }));

        Try<List<String>> outcome = runner.attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("boom");
        assertThat(world.interrupted).hasValue(1);
        assertThat(notes()).containsExactlyInAnyOrder(new Cmd.Note("a"), new Cmd.Note("b"));
    }

    @Test
    void a_parallel_finalizer_runs_every_branch_once_when_the_run_deadline_passes() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(50)));

        Try<String> outcome = impatient.attempt(Program.perform(new Cmd.Block("too slow")).ensuring(CLEANUP));

        assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(notes()).containsExactlyInAnyOrder(new Cmd.Note("a"), new Cmd.Note("b"));
    }

    @Test
    void a_nested_parallel_block_inside_a_parallel_finalizer_runs_every_branch_once_when_cancelled() throws Exception {
        Program<List<List<Void>>> cleanup = Program.parallel(CLEANUP, Program.parallel(
                Program.perform(new Cmd.Note("c")), Program.perform(new Cmd.Note("d"))));
        RunHandle<String> handle = Runner.of(world.executor().with(parallelize(3)))
                .start(Program.perform(new Cmd.Block("use")).ensuring(cleanup));
        world.awaitBlocked(1);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(notes()).containsExactlyInAnyOrder(
                new Cmd.Note("a"), new Cmd.Note("b"), new Cmd.Note("c"), new Cmd.Note("d"));
    }

    @Test
    void a_parallel_finalizer_yields_every_branch_value_to_the_release_that_uses_them() throws Exception {
        java.util.List<List<Integer>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Program<String> flow = Program.perform(new Cmd.Block("use")).ensuring(
                Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2)))
                        .flatMap(values -> {
                            seen.add(values);
                            return Program.perform(new Cmd.Note("sum " + values.sum()));
                        }));
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(seen).containsExactly(List.of(1, 2));
        assertThat(notes()).containsExactly(new Cmd.Note("sum 3"));
    }

    @Test
    void a_cancellable_parallel_block_still_stops_its_branches_when_the_run_is_cancelled() throws Exception {
        RunHandle<List<String>> handle = runner.start(Program.parallel(
                Program.perform(new Cmd.Block("a")), Program.perform(new Cmd.Block("b"))).ensuring(CLEANUP));
        world.awaitBlocked(2);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(2);
        assertThat(notes()).containsExactlyInAnyOrder(new Cmd.Note("a"), new Cmd.Note("b"));
    }

    @Test
    void a_parallel_block_whose_thread_is_interrupted_fails_rather_than_yielding_nulls() {
        Program<List<String>> flow = Program.defer(() -> {
            Thread.currentThread().interrupt(); // user code interrupting its own thread, not a cancel
            return Program.parallel(Program.perform(new Cmd.Block("a")), Program.perform(new Cmd.Block("b")));
        });

        Try<List<String>> outcome = runner.attempt(flow);

        assertThat(outcome.isFailure()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void a_parallel_finalizer_whose_thread_is_interrupted_runs_every_branch_and_keeps_the_interrupt_for_later() {
        java.util.concurrent.atomic.AtomicBoolean interruptedAfterTheBlock = new java.util.concurrent.atomic.AtomicBoolean();
        Program<List<Void>> cleanup = Program.defer(() -> {
                    Thread.currentThread().interrupt(); // user code interrupting its own thread, not a cancel
                    return CLEANUP;
                })
                .flatMap(values -> Program.defer(() -> {
                    interruptedAfterTheBlock.set(Thread.interrupted());
                    return Program.pure(values);
                }));

        assertThat(runner.run(Program.perform(new Cmd.Get(1)).ensuring(cleanup))).isEqualTo(1);

        assertThat(world.performed).containsExactlyInAnyOrder(new Cmd.Get(1), new Cmd.Note("a"), new Cmd.Note("b"));
        assertThat(interruptedAfterTheBlock).as("the interrupt was kept for after the block").isTrue();
    }

    @Test
    void a_failing_branch_of_a_parallel_finalizer_is_the_error_added_to_the_cancellation() throws Exception {
        Program<String> flow = Program.perform(new Cmd.Block("use")).ensuring(Program.parallel(
                Program.perform(new Cmd.Note("a")),
                Program.defer(() -> {
                    awaitPerformed(new Cmd.Note("a")); // so that the failure cannot stop branch 0 before it starts
                    return Program.perform(new Cmd.Fails("cleanup failed")).map(n -> (Void) null);
                })));
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        Throwable failure = handle.awaitOutcome().getCause();
        assertThat(failure).isInstanceOf(CancellationException.class);
        assertThat(failure.getSuppressed()).singleElement()
                .isInstanceOf(ActionFailedException.class)
                .satisfies(suppressed -> assertThat(suppressed).hasRootCauseMessage("cleanup failed"));
        assertThat(notes()).containsExactly(new Cmd.Note("a"));
    }

    private java.util.List<Cmd.Note> notes() {
        return world.performed.stream().filter(Cmd.Note.class::isInstance).map(Cmd.Note.class::cast).toList();
    }

    private void awaitPerformed(Action<?> action) {
        long deadline = System.nanoTime() + Duration.ofSeconds(World.PATIENCE_SECONDS).toNanos();
        while (!world.performed.contains(action)) {
            assertThat(System.nanoTime()).as("%s performed in time", action).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private void awaitBlocked(int count) {
        try {
            world.awaitBlocked(count);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
