package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a parallel block stops: what its workers are told and when. A block started by a fiber that
 * is already cancelled runs none of its branches (the cancel can land between the fiber's check
 * before the block and the block taking its workers as the fiber's children: the first tests drive
 * a fiber and a block directly, to put the cancel exactly there); siblings learn why they were
 * cancelled; a worker that cannot be started fails the block; an uncancellable block keeps an
 * interrupt of its thread for after it.
 */
class ParallelBlockStopTest {

    private final World world = new World();
    private final java.util.List<Thread> started = new CopyOnWriteArrayList<>();
    /** The system clock, noting each thread the run starts. */
    private final Clock capturing = ThreadStartingClock.noting(started);
    /** Each action's failure as the listener was told it. */
    private final java.util.Map<Action<?>, Throwable> failures = new ConcurrentHashMap<>();
    private final StepListener failuresSeen = new StepListener() {
        @Override
        public void finished(Step step, Try<Object> outcome, Duration duration) {
            outcome.onFailure(failure -> failures.put(step.action(), failure));
        }
    };

    private static Program<?>[] gets(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> Program.perform(new Cmd.Get(i))).toArray(Program<?>[]::new);
    }

    /** {@code action}'s program, as a branch of a block of mixed result types. */
    private static Program<Object> step(Action<?> action) {
        return Program.perform(action).map(answer -> answer);
    }

    @Test
    @Timeout(60) // a hang detector
    void a_block_started_by_a_fiber_that_is_already_cancelled_runs_none_of_its_branches_and_fails_with_that_cancellation() {
        RunContext run = new RunContext(world.executor().with(parallelize(4)), RunOptions.DEFAULT.clock(capturing));
        Fiber parent = Fiber.root(run, Program.pure(null));
        CancellationException cancelled = new CancellationException("the run was cancelled just before the block");
        parent.cancel(cancelled); // no thread to interrupt: only the block can hand the cancel on

        Try<List<Object>> outcome = new ParallelBlock(parent, gets(4), "main/0").run();

        assertThat(outcome.isFailure()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.getCause()).isSameAs(cancelled);
        assertThat(world.performed).as("branch steps performed").isEmpty();
        assertThat(started).as("worker threads started").isNotEmpty().noneMatch(Thread::isAlive);
    }

    @Test
    @Timeout(60) // a hang detector
    void a_block_started_where_cancellation_is_masked_runs_every_branch_of_a_fiber_already_cancelled() {
        RunContext run = new RunContext(world.executor().with(parallelize(4)), RunOptions.DEFAULT.clock(capturing));
        Fiber parent = Fiber.root(run, Program.pure(null));
        parent.mask(); // a finalizer, say
        parent.cancel(new CancellationException("the run was cancelled"));

        Try<List<Object>> outcome = new ParallelBlock(parent, gets(4), "main/0").run();

        assertThat(outcome.get()).containsExactly(0, 1, 2, 3);
        assertThat(world.performed).hasSize(4);
        assertThat(started).noneMatch(Thread::isAlive);
    }

    @Test
    // a hang detector: a block that loses count of a worker it could not start would wait forever,
    // and so would the test's thread in attempt, were the timeout not watched from another thread
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_worker_that_cannot_be_started_fails_the_block_and_its_siblings_are_told_so() throws Exception {
        IllegalStateException noThread = new IllegalStateException("no thread left for a third worker");
        AtomicInteger workersAsked = new AtomicInteger();
        Clock failingThirdWorker = new ThreadStartingClock((name, task) -> {
            if (name.endsWith("-worker") && workersAsked.incrementAndGet() == 3) {
                try {
                    world.awaitBlocked(1); // branch 0 is in its step, so the stop must interrupt it
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                throw noThread;
            }
            Thread thread = Clock.system().startThread(name, task);
            started.add(thread);
            return thread;
        });
        Runner runner = Runner.of(world.executor().with(parallelize(3)))
                .with(options -> options.clock(failingThirdWorker).listener(failuresSeen));
        Cmd.Block first = new Cmd.Block("b0");

        Try<List<Object>> outcome = runner.attempt(Program.parallel(
                step(first), step(new Cmd.Get(1)), step(new Cmd.Get(2))));

        assertThat(outcome.isFailure()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.getCause()).isSameAs(noThread);
        assertThat(world.interrupted).as("the blocked branch was interrupted").hasValue(1);
        assertThat(failures.get(first)).isInstanceOf(CancellationException.class)
                .hasMessage("cancelled because a worker of the same parallel block could not be started");
        assertThat(world.performed).as("steps performed").containsExactly(first);
        assertThat(started).noneMatch(Thread::isAlive);
    }

    @Test
    @Timeout(60) // a hang detector
    void the_siblings_of_a_failed_branch_are_cancelled_naming_the_branch_that_failed() throws Exception {
        Runner runner = Runner.of(world.executor().with(parallelize(2))).with(options -> options.listener(failuresSeen));
        Cmd.Block sibling = new Cmd.Block("b1");
        RunHandle<List<Object>> handle = runner.start(Program.parallel(
                Program.perform(new Cmd.Gate("g")).flatMap(opened -> step(new Cmd.Fails("branch 0 broke"))),
                step(sibling)));
        world.awaitBlocked(1);
        world.awaitAtGate(1);

        world.openGate();

        Try<List<Object>> outcome = handle.awaitOutcome();
        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("branch 0 broke");
        assertThat(failures.get(sibling)).isInstanceOf(CancellationException.class)
                .hasMessage("cancelled because branch main/0/0 of the same parallel block failed");
    }

    @Test
    @Timeout(60) // a hang detector
    void a_block_whose_thread_is_interrupted_fails_with_the_reason_its_workers_were_stopped_with() throws Exception {
        Runner runner = Runner.of(world.executor().with(parallelize(2)))
                .with(options -> options.clock(capturing).listener(failuresSeen));
        Cmd.Block a = new Cmd.Block("a");
        RunHandle<List<Object>> handle = runner.start(Program.parallel(step(a), step(new Cmd.Block("b"))));
        world.awaitBlocked(2);

        runThread().interrupt(); // not the handle's cancel

        Throwable failure = handle.awaitOutcome().getCause();
        assertThat(failure).isInstanceOf(CancellationException.class)
                .hasMessage("the thread running a parallel block was interrupted")
                .isSameAs(failures.get(a));
    }

    @Test
    @Timeout(60) // a hang detector
    void an_uncancellable_block_whose_thread_is_interrupted_while_it_waits_runs_every_branch_and_keeps_the_interrupt_for_after_it()
            throws Exception {
        Runner runner = Runner.of(world.executor().with(parallelize(2))).with(options -> options.clock(capturing));
        AtomicBoolean interruptedAfterTheBlock = new AtomicBoolean();
        Program<List<String>> cleanup = Program.parallel(Program.perform(new Cmd.Gate("a")), Program.perform(new Cmd.Echo("b")))
                .flatMap(values -> Program.defer(() -> {
                    interruptedAfterTheBlock.set(Thread.interrupted());
                    return Program.pure(values);
                }));
        AtomicReference<List<String>> cleaned = new AtomicReference<>();
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Get(1))
                .ensuring(cleanup.map(values -> {
                    cleaned.set(values);
                    return null;
                })));
        world.awaitAtGate(1); // the block cannot end before the gate opens: its thread waits for it

        runThread().interrupt();
        // the wait the interrupt ends clears the flag: only then may the block end (were the gate
        // opened first, the block could end before its thread waited, and the flag would simply stay)
        assertThat(Awaiting.until(() -> !runThread().isInterrupted())).as("the block's wait took the interrupt").isTrue();
        world.openGate();

        assertThat(handle.awaitOutcome().get()).isEqualTo(1);
        assertThat(cleaned.get()).containsExactly("a", "b");
        assertThat(interruptedAfterTheBlock).as("the interrupt was kept for after the block").isTrue();
    }

    private Thread runThread() {
        return started.stream().filter(thread -> thread.getName().startsWith("pureflow-run-")).findFirst().orElseThrow();
    }
}
