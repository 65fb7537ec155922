package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner's entry points and the run handle: run, attempt, start, await, outcome, onComplete. */
class RunnerTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void run_returns_the_value_of_the_flow() {
        String value = runner.run(Program.perform(new Cmd.Echo("hi")));

        assertThat(value).isEqualTo("hi");
    }

    @Test
    void run_performs_the_flow_on_a_virtual_thread_named_after_the_run() {
        runner.run(Program.perform(new Cmd.Get(1)));

        assertThat(world.threads).singleElement().satisfies(thread -> {
            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.getName()).startsWith("pureflow-run-");
            assertThat(thread).isNotSameAs(Thread.currentThread());
        });
    }

    @Test
    void run_throws_the_action_failure_with_the_executor_error_as_cause() {
        assertThatThrownBy(() -> runner.run(Program.perform(new Cmd.Fails("broken"))))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseExactlyInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("broken");
    }

    @Test
    void attempt_returns_success_with_the_value() {
        Try<Integer> outcome = runner.attempt(Program.perform(new Cmd.Get(8)));

        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.get()).isEqualTo(8);
    }

    @Test
    void attempt_returns_the_error_the_flow_failed_with_unwrapped() {
        IOException checked = new IOException("checked");

        Try<Integer> actionFailure = runner.attempt(Program.perform(new Cmd.Fails("nope")));
        Try<Integer> checkedFailure = runner.attempt(Program.fail(checked));
        Try<Integer> fatal = runner.attempt(Program.fail(new AssertionError("fatal")));

        assertThat(actionFailure.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("nope");
        assertThat(checkedFailure.getCause()).isSameAs(checked);
        assertThat(fatal.getCause()).isInstanceOf(AssertionError.class).hasMessage("fatal");
    }

    @Test
    void run_rethrows_errors_as_they_are() {
        AssertionError fatal = new AssertionError("fatal");

        assertThatThrownBy(() -> runner.run(Program.fail(fatal))).isSameAs(fatal);
    }

    @Test
    void start_returns_at_once_and_await_returns_the_value() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("slow")).recover(error -> "unused"));
        try {
            world.awaitBlocked(1);
            assertThat(handle.isDone()).isFalse();
            assertThat(handle.outcome().isEmpty()).isTrue();
        } finally {
            handle.cancel();
        }

        RunHandle<Integer> quick = runner.start(Program.perform(new Cmd.Get(3)));
        assertThat(quick.await()).isEqualTo(3);
        assertThat(quick.isDone()).isTrue();
        assertThat(quick.isCancelled()).isFalse();
        assertThat(quick.outcome().get().get()).isEqualTo(3);
    }

    @Test
    void await_with_a_timeout_throws_timeout_exception_and_the_run_goes_on() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("slow")));
        try {
            world.awaitBlocked(1);

            assertThatThrownBy(() -> handle.await(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
            assertThat(handle.isDone()).isFalse();
            assertThat(world.interrupted).hasValue(0);
        } finally {
            handle.cancel();
        }
        assertThatThrownBy(handle::await).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void await_with_a_timeout_returns_the_value_of_a_run_that_ends_in_time() throws Exception {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Get(5)));

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(5);
    }

    @Test
    void await_with_a_timeout_throws_the_failure_of_the_run() {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Fails("late failure")));

        assertThatThrownBy(() -> handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS)))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("late failure");
    }

    @Test
    void await_accepts_a_timeout_too_long_to_count_in_nanoseconds() throws Exception {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Get(5)));

        assertThat(handle.await(java.time.temporal.ChronoUnit.FOREVER.getDuration())).isEqualTo(5);
    }

    @Test
    void outcome_holds_the_failure_once_the_run_has_ended() {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Fails("x")));
        assertThatThrownBy(handle::await).isInstanceOf(ActionFailedException.class);

        Try<Integer> outcome = handle.outcome().get();
        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("x");
        assertThat(handle.isDone()).isTrue();
        assertThat(handle.isCancelled()).isFalse();
    }

    @Test
    void onComplete_is_called_with_the_outcome_when_the_run_ends() throws Exception {
        CountDownLatch called = new CountDownLatch(2);
        AtomicReference<Try<Integer>> success = new AtomicReference<>();
        AtomicReference<Try<Integer>> failure = new AtomicReference<>();

        runner.start(Program.perform(new Cmd.Get(2))).onComplete(outcome -> {
            success.set(outcome);
            called.countDown();
        });
        runner.start(Program.perform(new Cmd.Fails("bad"))).onComplete(outcome -> {
            failure.set(outcome);
            called.countDown();
        });

        assertThat(called.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(success.get().get()).isEqualTo(2);
        assertThat(failure.get().getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("bad");
    }

    @Test
    void onComplete_on_an_ended_run_is_called_at_once() {
        RunHandle<Integer> handle = runner.start(Program.pure(1));
        handle.await();
        AtomicReference<Try<Integer>> seen = new AtomicReference<>();

        handle.onComplete(seen::set);

        assertThat(seen.get()).isEqualTo(Try.success(1));
    }

    @Test
    void onComplete_callbacks_of_a_running_run_are_called_on_its_thread_in_the_order_registered() throws Exception {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch allCalled = new CountDownLatch(3);
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Gate("g")));
        world.awaitAtGate(1);
        for (String name : java.util.List.of("first", "second", "third")) {
            handle.onComplete(outcome -> {
                calls.add(name + " on " + Thread.currentThread().getName() + " with " + outcome.get());
                allCalled.countDown();
            });
        }

        world.openGate();

        assertThat(allCalled.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        String runThread = world.threads.get(0).getName();
        assertThat(calls).containsExactly(
                "first on " + runThread + " with g", "second on " + runThread + " with g", "third on " + runThread + " with g");
    }

    @Test
    void onComplete_returns_the_same_handle_before_and_after_the_run_ends() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Gate("g")));
        world.awaitAtGate(1);

        assertThat(handle.onComplete(outcome -> {})).isSameAs(handle);
        world.openGate();
        assertThat(handle.await()).isEqualTo("g");
        assertThat(handle.onComplete(outcome -> {})).isSameAs(handle);
    }

    @Test
    void a_throwing_onComplete_callback_goes_to_the_run_threads_uncaught_exception_handler_and_changes_nothing()
            throws Exception {
        java.util.List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        Clock clock = new ThreadStartingClock((name, task) -> Thread.ofVirtual().name(name)
                .uncaughtExceptionHandler((thread, error) -> reported.add(thread.getName() + ": " + error.getMessage()))
                .start(task));
        AtomicReference<Try<String>> seenByTheNextCallback = new AtomicReference<>();
        CountDownLatch nextCalled = new CountDownLatch(1);
        RunHandle<String> handle = runner.with(options -> options.clock(clock)).start(Program.perform(new Cmd.Gate("g")));
        world.awaitAtGate(1);

        handle.onComplete(outcome -> {
            throw new IllegalStateException("callback failed");
        });
        handle.onComplete(outcome -> {
            seenByTheNextCallback.set(outcome);
            nextCalled.countDown();
        });
        world.openGate();

        assertThat(handle.await()).isEqualTo("g");
        assertThat(nextCalled.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(reported).singleElement().asString().matches("pureflow-run-\\d+: callback failed");
        assertThat(seenByTheNextCallback.get()).isEqualTo(Try.success("g"));
        assertThat(handle.outcome().get()).isEqualTo(Try.success("g"));
        assertThat(handle.toCompletionStage().toCompletableFuture().get(World.PATIENCE_SECONDS, TimeUnit.SECONDS))
                .isEqualTo("g");
    }

    @Test
    void a_throwing_onComplete_callback_on_an_ended_run_goes_to_the_callers_uncaught_exception_handler() {
        RunHandle<Integer> handle = runner.start(Program.perform(new Cmd.Fails("bad")));
        Try<Integer> outcome = handle.awaitOutcome();
        java.util.List<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        Thread.UncaughtExceptionHandler before = caller.getUncaughtExceptionHandler();
        caller.setUncaughtExceptionHandler((thread, error) -> reported.add(error));
        RunHandle<Integer> returned;
        try {
            returned = handle.onComplete(ignored -> {
                throw new IllegalStateException("callback failed");
            });
        } finally {
            caller.setUncaughtExceptionHandler(before == caller.getThreadGroup() ? null : before);
        }

        assertThat(returned).isSameAs(handle);
        assertThat(reported).singleElement().satisfies(error -> assertThat(error).hasMessage("callback failed"));
        assertThat(handle.awaitOutcome()).isSameAs(outcome);
        assertThat(outcome.getCause()).hasRootCauseMessage("bad");
    }

    @Test
    void toCompletionStage_completes_with_the_value() throws Exception {
        CompletableFuture<Integer> stage = runner.start(Program.perform(new Cmd.Get(6))).toCompletionStage().toCompletableFuture();

        assertThat(stage.get(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(6);
    }

    @Test
    void one_runner_runs_many_programs_at_once() throws Exception {
        Runner parallelRunner = Runner.of(world.executor());
        RunHandle<String> first = parallelRunner.start(Program.perform(new Cmd.Block("one")));
        RunHandle<String> second = parallelRunner.start(Program.perform(new Cmd.Block("two")));
        try {
            world.awaitBlocked(2);
            assertThat(world.maxInFlight).hasValue(2);
        } finally {
            first.cancel();
            second.cancel();
        }
        assertThat(Try.of(first::await).isFailure()).isTrue();
        assertThat(Try.of(second::await).isFailure()).isTrue();
    }

    @Test
    void with_changes_options_and_keeps_the_original_runner_unchanged() {
        Runner timed = runner.with(options -> options.timeout(Duration.ofSeconds(30)));

        assertThat(timed.options().timeout().get()).isEqualTo(Duration.ofSeconds(30));
        assertThat(runner.options()).isEqualTo(RunOptions.DEFAULT);
        assertThatThrownBy(() -> runner.with(options -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("configure returned null");
    }

    @Test
    void an_executor_declaring_parallelism_below_one_is_rejected_when_a_run_starts() {
        Executor broken = new Executor() {
            @Override
            public Object execute(Action<?> action) {
                return null;
            }

            @Override
            public int parallelism() {
                return 0;
            }
        };

        assertThatThrownBy(() -> Runner.of(broken).run(Program.pure(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism 0");
    }
}
