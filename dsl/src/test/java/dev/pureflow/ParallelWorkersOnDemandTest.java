package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A parallel block starts its workers on demand (issue 9): a worker that takes a branch while no
 * other stands ready starts the next one first, so every branch still runs beside its siblings, but
 * branches that end at once are taken by the workers already running instead of costing a thread
 * each. A test clock holds back every worker but the first, which makes the scheduling that decides
 * how many threads start deterministic.
 */
class ParallelWorkersOnDemandTest {

    private final World world = new World();
    private final java.util.List<Thread> started = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger workerThreads = new AtomicInteger();

    /** Starts the run's thread and the first worker at once; every later worker waits for {@link #release}. */
    private final Clock holdingBackLaterWorkers = new ThreadStartingClock((name, task) -> {
        boolean held = name.endsWith("-worker") && workerThreads.incrementAndGet() > 1;
        Thread thread = Clock.system().startThread(name, held ? () -> {
            try {
                release.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            task.run();
        } : task);
        started.add(thread);
        return thread;
    });

    private static Program<List<Integer>> gets(int branches) {
        return Program.parallel(IntStream.range(0, branches).mapToObj(i -> Program.perform(new Cmd.Get(i))).toList());
    }

    private java.util.List<Thread> workers() {
        return started.stream().filter(thread -> thread.getName().endsWith("-worker")).toList();
    }

    private long workersStarted() {
        return workers().size();
    }

    @Test
    @Timeout(120) // a hang detector: well under a second here
    void one_step_branches_are_taken_by_the_running_worker_while_the_one_it_started_is_not_yet_scheduled() throws Exception {
        int branches = 1_000;
        Runner runner = Runner.of(world.executor().with(parallelize(branches))).with(options -> options.clock(holdingBackLaterWorkers));

        RunHandle<List<Integer>> run = runner.start(gets(branches));
        assertThat(Awaiting.until(() -> world.performed.size() == branches)).as("every branch performed").isTrue();
        long workersWhileHeld = workersStarted();
        release.countDown();

        assertThat(run.await()).containsExactlyElementsOf(IntStream.range(0, branches).boxed().toList());
        assertThat(workersWhileHeld).as("workers started for %d one-step branches", branches).isEqualTo(2);
        assertThat(world.threads).as("threads that performed the branches").containsOnly(world.threads.get(0));
        assertThat(workers()).noneMatch(Thread::isAlive);
    }

    @Test
    @Timeout(120) // a hang detector
    void a_worker_that_takes_the_last_branch_starts_no_other_worker_even_when_every_worker_is_busy() throws Exception {
        // the first worker runs branch 0 at once, then waits at the gate in branch 1; the second
        // (held back until then) takes branch 2, the last, while no worker stands ready
        Runner runner = Runner.of(world.executor().with(parallelize(3))).with(options -> options.clock(holdingBackLaterWorkers));
        RunHandle<List<String>> run = runner.start(Program.parallel(java.util.List.of(
                Program.perform(new Cmd.Echo("zero")), Program.perform(new Cmd.Gate("one")), Program.perform(new Cmd.Echo("two")))));
        world.awaitAtGate(1);
        release.countDown();
        assertThat(Awaiting.until(() -> world.performed.contains(new Cmd.Echo("two")))).as("the last branch ran").isTrue();
        world.openGate();

        assertThat(run.await()).containsExactly("zero", "one", "two");
        assertThat(workersStarted()).as("a third worker would find no branch left").isEqualTo(2);
        assertThat(workers()).noneMatch(Thread::isAlive);
    }

    @Test
    @Timeout(120) // a hang detector: the branches wait for one another, so a missing worker would hang
    void every_branch_gets_a_worker_while_all_of_its_siblings_wait_at_a_gate() throws Exception {
        int branches = 64;
        Runner runner = Runner.of(world.executor().with(parallelize(branches)))
                .with(options -> options.clock(new ThreadStartingClock((name, task) -> {
                    Thread thread = Clock.system().startThread(name, task);
                    started.add(thread);
                    return thread;
                })));

        RunHandle<List<String>> run = runner.start(Program.parallel(
                IntStream.range(0, branches).mapToObj(i -> Program.perform(new Cmd.Gate("g" + i))).toList()));
        world.awaitAtGate(branches);
        world.openGate();

        assertThat(run.await()).containsExactlyElementsOf(IntStream.range(0, branches).mapToObj(i -> "g" + i).toList());
        assertThat(world.maxInFlight.get()).isEqualTo(branches);
        assertThat(workersStarted()).isEqualTo(branches);
        assertThat(workers()).noneMatch(Thread::isAlive);
    }

    @Test
    @Timeout(120) // a hang detector
    void a_failing_branch_stops_the_worker_it_started_before_that_worker_takes_a_branch() throws Exception {
        int branches = 100;
        Runner runner = Runner.of(world.executor().with(parallelize(branches))).with(options -> options.clock(holdingBackLaterWorkers));
        java.util.List<Program<Integer>> flows = new java.util.ArrayList<>();
        flows.add(Program.perform(new Cmd.Fails("first branch")));
        IntStream.range(1, branches).forEach(i -> flows.add(Program.perform(new Cmd.Get(i))));

        RunHandle<List<Integer>> run = runner.start(Program.parallel(flows));
        // the first worker's thread ends only after it has stopped its siblings: the failure has been
        // taken in before the second worker may look for a branch (the executor seeing the failing
        // action is not enough: a warm JVM then lets the second worker in first). The second is held
        // alive until the release, so the one that ended is the first, whichever was listed first.
        assertThat(Awaiting.until(() -> world.performed.size() == 1 && workersStarted() == 2
                && workers().stream().anyMatch(worker -> !worker.isAlive()))).isTrue();
        release.countDown();
        Try<List<Integer>> outcome = run.awaitOutcome();

        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("first branch");
        assertThat(world.performed).as("what ran: the failing branch only").containsExactly(new Cmd.Fails("first branch"));
        assertThat(workers()).noneMatch(Thread::isAlive);
    }

    @Property(tries = 40)
    void a_block_yields_every_value_in_order_on_at_most_its_parallelism_of_workers_none_left_alive(
            @ForAll @IntRange(min = 1, max = 60) int branches, @ForAll @IntRange(min = 1, max = 60) int parallelism) {
        started.clear();
        Runner runner = Runner.of(new World().executor().with(parallelize(parallelism)))
                .with(options -> options.clock(new ThreadStartingClock((name, task) -> {
                    Thread thread = Clock.system().startThread(name, task);
                    started.add(thread);
                    return thread;
                })));

        List<Integer> values = runner.run(gets(branches));

        assertThat(values).containsExactlyElementsOf(IntStream.range(0, branches).boxed().toList());
        assertThat(workersStarted()).isBetween(parallelism > 1 && branches > 1 ? 1L : 0L, (long) Math.min(branches, parallelism));
        // the run's own thread completes the handle as its last act; every worker has ended before
        assertThat(workers()).noneMatch(Thread::isAlive);
    }
}
