package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** No thread outlives the run: run, worker, deadline and timeout threads all end with it; direct bodies start none. */
class ThreadLifetimeTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor().with(parallelize(4)));

    @Test
    void the_thread_dump_sees_live_pureflow_threads_so_this_test_can_fail() throws Exception {
        Map<Long, String> baseline = LiveThreads.pureflow();
        RunHandle<List<String>> handle = runner.start(Program.parallel(
                Program.perform(new Cmd.Block("a")), Program.direct(f -> f.perform(new Cmd.Block("b")))));
        try {
            world.awaitBlocked(2);

            Map<Long, String> during = LiveThreads.pureflow();
            during.keySet().removeAll(baseline.keySet());

            assertThat(during.values()).anyMatch(name -> name.startsWith("pureflow-run-"));
            assertThat(during.values()).anyMatch(name -> name.startsWith("pureflow-main-worker"));
            assertThat(during.values()).noneMatch(name -> name.startsWith("pureflow-direct-"));
        } finally {
            handle.cancel();
        }
        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void no_thread_outlives_runs_with_parallel_blocks_and_direct_bodies() {
        Map<Long, String> baseline = LiveThreads.pureflow();
        Program<List<Integer>> flow = Program.parallel(List.range(0, 8).map(n -> n % 2 == 0
                ? Program.perform(new Cmd.Get(n))
                : Program.direct(f -> f.run(Program.parallel(Program.perform(new Cmd.Get(n)), Program.pure(0))).head())));

        for (int i = 0; i < 5; i++) {
            assertThat(runner.run(flow)).isEqualTo(List.range(0, 8));
        }

        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void no_thread_outlives_runs_that_fail_in_a_branch() {
        Map<Long, String> baseline = LiveThreads.pureflow();
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("sibling")),
                Program.direct(f -> f.perform(new Cmd.Block("direct sibling"))),
                Program.defer(() -> {
                    awaitBlocked(2);
                    return Program.perform(new Cmd.Fails("boom")).map(String::valueOf);
                }));

        assertThat(runner.attempt(flow).getCause()).isInstanceOf(ActionFailedException.class);

        assertThat(world.interrupted).hasValue(2);
        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void no_thread_outlives_cancelled_runs() throws Exception {
        Map<Long, String> baseline = LiveThreads.pureflow();
        RunHandle<List<String>> handle = runner.start(Program.parallel(
                Program.perform(new Cmd.Block("a")),
                Program.direct(f -> f.perform(new Cmd.Block("b"))),
                Program.parallel(Program.perform(new Cmd.Block("c")), Program.perform(new Cmd.Block("d"))).map(List::head)));
        world.awaitBlocked(4);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(4);
        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void no_thread_outlives_runs_with_a_deadline_or_action_timeouts() {
        Map<Long, String> baseline = LiveThreads.pureflow();
        Runner withDeadline = runner.with(options -> options.timeout(Duration.ofSeconds(30)));
        Runner withActionTimeout = Runner.of(world.executor().with(timeout(Duration.ofMillis(100))));
        Runner expiring = runner.with(options -> options.timeout(Duration.ofMillis(100)));

        int quick = withDeadline.run(Program.perform(new Cmd.Get(1)));
        assertThat(quick).isEqualTo(1);
        assertThat(withActionTimeout.attempt(Program.perform(new Cmd.Block("times out"))).isFailure()).isTrue();
        assertThat(expiring.attempt(Program.perform(new Cmd.Block("deadline"))).getCause()).isInstanceOf(FlowTimeoutException.class);

        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void a_direct_body_runs_on_the_thread_of_its_run_and_starts_none() {
        Map<Long, String> baseline = LiveThreads.pureflow();
        java.util.concurrent.atomic.AtomicReference<Thread> body = new java.util.concurrent.atomic.AtomicReference<>();

        runner.run(Program.direct(f -> {
            body.set(Thread.currentThread());
            return f.perform(new Cmd.Get(1));
        }));

        assertThat(body.get().getName()).startsWith("pureflow-run-");
        assertThat(world.threads).containsExactly(body.get());
        assertThat(LiveThreads.awaitNoneBut(baseline)).isEmpty();
    }

    @Test
    void no_thread_of_a_parallel_block_is_alive_when_the_handle_of_its_run_completes() {
        // enough runs that a worker outliving its run is seen (it was, in 3 runs of 3, before the fix)
        int runs = 2_000;
        java.util.List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        // like any clock (the virtual one takes a lock to count the thread idle), this one has a
        // little work of its own to do after a thread's task
        Clock clock = new ThreadStartingClock((name, task) -> {
            Thread thread = Clock.system().startThread(name, () -> {
                try {
                    task.run();
                } finally {
                    Thread.yield();
                }
            });
            started.add(thread);
            return thread;
        });
        Runner capturing = Runner.of(world.executor().with(parallelize(2))).with(options -> options.clock(clock));
        Program<List<Integer>> flow = Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2)));
        java.util.List<String> outlived = new java.util.ArrayList<>();

        for (int i = 0; i < runs; i++) {
            int run = i;
            started.clear();
            assertThat(capturing.run(flow)).isEqualTo(List.of(1, 2));
            // the run's own thread completes the handle as its last act, so only the threads it started count
            started.stream()
                    .filter(thread -> !thread.getName().startsWith("pureflow-run-"))
                    .filter(Thread::isAlive)
                    .forEach(thread -> outlived.add("run " + run + ": " + thread.getName()));
        }

        assertThat(started).as("threads a run starts").hasSize(3);
        assertThat(outlived).as("worker threads alive when the handle of their run (of %d) completed", runs).isEmpty();
    }

    private void awaitBlocked(int count) {
        try {
            world.awaitBlocked(count);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
