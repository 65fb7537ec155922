package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.lang.ref.WeakReference;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the threads of a parallel block do, seen from outside: which thread performs a branch, how
 * a block's own thread being interrupted stops it, what a failed block reports, and what a
 * finished block leaves behind.
 */
class ParallelWorkersTest {

    private final World world = new World();
    private final java.util.List<Thread> started = new CopyOnWriteArrayList<>();
    /** The system clock, noting each thread the run starts. */
    private final Clock capturing = ThreadStartingClock.noting(started);

    @Test
    void a_block_under_parallelism_1_runs_its_branches_on_the_run_thread_and_starts_no_worker() {
        Runner sequential = Runner.of(world.executor()).with(options -> options.clock(capturing));

        assertThat(sequential.run(Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2)))))
                .isEqualTo(List.of(1, 2));

        assertThat(started).extracting(Thread::getName).singleElement().asString().startsWith("pureflow-run-");
        assertThat(world.threads).containsOnly(runThread());
    }

    @Test
    void a_one_branch_block_runs_on_the_run_thread_and_starts_no_worker_whatever_the_parallelism() {
        Runner parallel = Runner.of(world.executor().with(parallelize(4))).with(options -> options.clock(capturing));

        assertThat(parallel.run(Program.parallel(List.of(Program.perform(new Cmd.Get(7)))))).isEqualTo(List.of(7));

        assertThat(started).extracting(Thread::getName).singleElement().asString().startsWith("pureflow-run-");
        assertThat(world.threads).containsOnly(runThread());
    }

    @Test
    void a_block_under_parallelism_2_runs_its_branches_on_worker_threads() {
        Runner parallel = Runner.of(world.executor().with(parallelize(2))).with(options -> options.clock(capturing));

        parallel.run(Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2))));

        assertThat(started).extracting(Thread::getName).filteredOn(name -> name.endsWith("-worker")).hasSize(2);
        assertThat(world.threads).doesNotContain(runThread());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang detector: the block would wait for its workers forever
    void interrupting_the_thread_of_a_running_block_cancels_its_branches_and_fails_the_block() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(2))).with(options -> options.clock(capturing));
        AtomicReference<List<String>> seenByNextStep = new AtomicReference<>();
        RunHandle<List<String>> handle = parallel.start(
                Program.parallel(Program.perform(new Cmd.Block("a")), Program.perform(new Cmd.Block("b")))
                        .map(values -> {
                            seenByNextStep.set(values);
                            return values;
                        }));
        world.awaitBlocked(2);

        // the run's thread, which waits for the block: an interrupt that is not the handle's cancel
        runThread().interrupt();

        Try<List<String>> outcome = handle.awaitOutcome();
        assertThat(outcome.isFailure()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.getCause()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
        assertThat(world.interrupted).as("both blocked branches were interrupted").hasValue(2);
        assertThat(seenByNextStep.get()).as("what the step after the block saw").isNull();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang detector: the branches would block forever
    void cancelling_a_run_stops_its_branches_even_where_the_clock_waits_through_interrupts() throws Exception {
        // a clock whose waits ignore interrupts: only the cancel handed from the run to its branches stops them
        Clock deaf = new ThreadStartingClock(Clock.system()::startThread) {
            @Override
            public void await(java.util.concurrent.CompletionStage<?> stage) {
                stage.toCompletableFuture().exceptionally(error -> null).join();
            }
        };
        Runner parallel = Runner.of(world.executor().with(parallelize(2))).with(options -> options.clock(deaf));
        RunHandle<List<String>> handle = parallel.start(
                Program.parallel(Program.perform(new Cmd.Block("a")), Program.perform(new Cmd.Block("b"))));
        world.awaitBlocked(2);

        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(2);
    }

    @Test
    void the_first_failure_of_a_block_carries_no_cancellation_of_the_siblings_it_stopped() throws Exception {
        Runner parallel = Runner.of(world.executor().with(parallelize(3)));
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("a")),
                Program.perform(new Cmd.Block("b")),
                Program.defer(() -> {
                    awaitBlocked(2);
                    return Program.perform(new Cmd.Fails("c failed")).map(String::valueOf);
                }));

        assertThatThrownBy(() -> parallel.run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("c failed")
                .satisfies(error -> assertThat(error.getSuppressed()).as("suppressed in the first failure").isEmpty());
        assertThat(world.interrupted).hasValue(2);
    }

    @Test
    void a_branch_failing_with_a_cancellation_of_its_own_fails_the_block_with_that_very_exception() {
        CancellationException own = new CancellationException("given up by the branch itself");
        Runner parallel = Runner.of(world.executor().with(parallelize(2)));

        Try<List<Integer>> outcome = parallel.attempt(Program.parallel(Program.perform(new Cmd.Get(1)), Program.<Integer>fail(own)));

        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.getCause()).isSameAs(own);
    }

    @Test
    void a_branch_that_fails_on_its_own_after_a_sibling_failed_is_added_to_the_first_failure_as_suppressed() {
        java.util.concurrent.CountDownLatch stubbornStarted = new java.util.concurrent.CountDownLatch(1);
        // Block answers even when interrupted (the cancel reaches it, it ignores it); Fails waits for it first
        Executor executor = Executor.of(Cmd.class, cmd -> {
            if (cmd instanceof Cmd.Block block) {
                stubbornStarted.countDown();
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException ignored) {
                    // cancelled by the failing sibling: answer anyway
                }
                return block.name();
            }
            if (stubbornStarted.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("first");
            }
            throw new AssertionError("the stubborn branch never started");
        }).with(parallelize(2));
        // straight after its action the stubborn branch's own code fails, before any cancel check
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("stubborn")).flatMap(name -> {
                    throw new IllegalStateException("second, of its own");
                }),
                Program.perform(new Cmd.Fails("first")).map(String::valueOf));

        Try<List<String>> outcome = Runner.of(executor).attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("first");
        assertThat(outcome.getCause().getSuppressed()).singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessage("second, of its own"));
    }

    @Test
    void a_finished_block_keeps_nothing_of_its_branches_while_the_run_goes_on() throws Exception {
        int blocks = 50;
        java.util.List<WeakReference<Object>> values = new CopyOnWriteArrayList<>();
        Runner parallel = Runner.of(world.executor().with(parallelize(2)));
        Program<Integer> oneBlock = Program.parallel(List.range(0, 2).map(i -> Program.defer(() -> {
                    Object value = new byte[1024];
                    values.add(new WeakReference<>(value));
                    return Program.pure(value);
                })))
                .flatMap(ignored -> Program.perform(new Cmd.Get(0)));
        Program<String> flow = List.range(0, blocks).foldLeft(Program.pure(0), (program, i) -> program.flatMap(ignored -> oneBlock))
                .flatMap(ignored -> Program.perform(new Cmd.Note("done")))
                .flatMap(ignored -> Program.perform(new Cmd.Gate("still running")));
        RunHandle<String> handle = parallel.start(flow);
        world.awaitAtGate(1);

        assertThat(values).hasSize(2 * blocks);
        Awaiting.collected(values);

        world.openGate();
        assertThat(handle.await()).isEqualTo("still running");
    }

    /** The run's own thread (it starts the workers, so it may be noted after them). */
    private Thread runThread() {
        return started.stream().filter(thread -> thread.getName().startsWith("pureflow-run-")).findFirst().orElseThrow();
    }

    private void awaitBlocked(int count) {
        try {
            world.awaitBlocked(count);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
