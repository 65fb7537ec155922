package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A {@link StepListener} sees every performed step: number, branch, action, outcome, start and duration. */
class StepListenerTest {

    /** One finished step as a listener saw it. */
    record Seen(Step step, Try<Object> outcome, Duration duration) {}

    /** Records every call; thread-safe. */
    static final class Recorder implements StepListener {
        final java.util.List<Step> started = new CopyOnWriteArrayList<>();
        final java.util.List<Seen> finished = new CopyOnWriteArrayList<>();

        @Override
        public void started(Step step) {
            started.add(step);
        }

        @Override
        public void finished(Step step, Try<Object> outcome, Duration duration) {
            finished.add(new Seen(step, outcome, duration));
        }

        Map<Action<?>, String> branchOfEachAction() {
            return finished.stream().collect(Collectors.toMap(seen -> seen.step().action(), seen -> seen.step().branch()));
        }
    }

    private final World world = new World();
    private final Recorder recorder = new Recorder();
    private final Runner runner = Runner.of(world.executor()).with(options -> options.listener(recorder));

    @Test
    void the_listener_sees_every_step_with_number_branch_action_and_outcome() {
        Instant before = Instant.now();
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(n -> Program.perform(new Cmd.Echo("two")))
                .flatMap(s -> Program.perform(new Cmd.Fails("three")))
                .recover(error -> 0);

        runner.run(flow);

        assertThat(recorder.started).extracting(Step::number).containsExactly(1L, 2L, 3L);
        assertThat(recorder.started).extracting(step -> (Object) step.action())
                .containsExactly(new Cmd.Get(1), new Cmd.Echo("two"), new Cmd.Fails("three"));
        assertThat(recorder.started).extracting(Step::branch).containsOnly("main");
        assertThat(recorder.started).allSatisfy(step -> assertThat(step.startedAt()).isAfterOrEqualTo(before.minusMillis(1)));
        assertThat(recorder.finished).extracting(Seen::step).isEqualTo(recorder.started);
        assertThat(recorder.finished.get(0).outcome()).isEqualTo(Try.success(1));
        assertThat(recorder.finished.get(1).outcome()).isEqualTo(Try.success("two"));
        assertThat(recorder.finished.get(2).outcome().getCause())
                .as("the executor's exception as thrown, not wrapped")
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("three");
        assertThat(recorder.finished).allSatisfy(seen -> assertThat(seen.duration().isNegative()).isFalse());
    }

    @Test
    void the_duration_of_a_step_is_read_on_the_runs_clock_wherever_its_reading_starts() {
        // a monotonic reading has an arbitrary origin (System.nanoTime may be negative): only differences count
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(-7_000_000_000L);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.EPOCH;
            }

            @Override
            public long nanoTime() {
                return nanos.getAndAdd(3_000_000);
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Clock.system().sleep(duration);
            }

            @Override
            public void await(java.util.concurrent.CompletionStage<?> stage) throws InterruptedException {
                Clock.system().await(stage);
            }

            @Override
            public boolean await(java.util.concurrent.CompletionStage<?> stage, Duration timeout) throws InterruptedException {
                return Clock.system().await(stage, timeout);
            }

            @Override
            public Thread startThread(String name, Runnable task) {
                return Clock.system().startThread(name, task);
            }
        };
        Runner timed = Runner.of(world.executor()).with(options -> options.listener(recorder).clock(clock));

        timed.run(Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Cmd.Get(2))));

        assertThat(recorder.finished).extracting(Seen::duration).containsExactly(Duration.ofMillis(3), Duration.ofMillis(3));
    }

    @Test
    void onStarted_and_onFinished_make_listeners_told_only_of_their_half() {
        java.util.List<Step> started = new CopyOnWriteArrayList<>();
        java.util.List<Seen> finished = new CopyOnWriteArrayList<>();
        StepListener both = StepListener.onStarted(started::add)
                .andThen(StepListener.onFinished((step, outcome, duration) -> finished.add(new Seen(step, outcome, duration))));

        Runner.of(world.executor()).with(options -> options.listener(both)).run(Program.perform(new Cmd.Get(4)));

        assertThat(started).extracting(step -> (Object) step.action()).containsExactly(new Cmd.Get(4));
        assertThat(finished).extracting(Seen::outcome).containsExactly(Try.success(4));
        assertThat(finished).extracting(Seen::step).isEqualTo(started);
        assertThatThrownBy(() -> StepListener.onStarted(null)).isInstanceOf(NullPointerException.class).hasMessage("started");
        assertThatThrownBy(() -> StepListener.onFinished(null)).isInstanceOf(NullPointerException.class).hasMessage("finished");
    }

    @Test
    void steps_of_parallel_branches_are_named_after_their_branch() {
        Runner parallel = Runner.of(world.executor().with(parallelize(2))).with(options -> options.listener(recorder));
        Program<List<Integer>> flow = Program.perform(new Cmd.Get(0)).flatMap(n -> Program.parallel(
                Program.perform(new Cmd.Get(10)),
                Program.parallel(Program.perform(new Cmd.Get(110)), Program.perform(new Cmd.Get(111))).map(List::size)));

        parallel.run(flow);

        assertThat(recorder.branchOfEachAction()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new Cmd.Get(0), "main",
                new Cmd.Get(10), "main/1/0",
                new Cmd.Get(110), "main/1/1/0/0",
                new Cmd.Get(111), "main/1/1/0/1"));
        assertThat(recorder.started).extracting(Step::number).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void branch_names_do_not_depend_on_the_parallelism() {
        Program<List<Integer>> flow = Program.parallel(
                Program.perform(new Cmd.Get(0)),
                Program.parallel(Program.perform(new Cmd.Get(10)), Program.perform(new Cmd.Get(11))).map(List::size))
                .flatMap(values -> Program.perform(new Cmd.Get(99)).map(values::append));
        Recorder inParallel = new Recorder();

        runner.run(flow);
        Runner.of(world.executor().with(parallelize(4))).with(options -> options.listener(inParallel)).run(flow);

        assertThat(recorder.branchOfEachAction()).isEqualTo(inParallel.branchOfEachAction()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new Cmd.Get(0), "main/0/0",
                new Cmd.Get(10), "main/0/1/0/0",
                new Cmd.Get(11), "main/0/1/0/1",
                new Cmd.Get(99), "main"));
    }

    @Test
    void steps_of_direct_style_bodies_are_seen_like_monadic_ones() {
        runner.run(Program.direct(f -> f.perform(new Cmd.Get(1)) + f.perform(new Cmd.Get(2))));

        assertThat(recorder.finished).extracting(seen -> (Object) seen.step().action()).containsExactly(new Cmd.Get(1), new Cmd.Get(2));
        assertThat(recorder.finished).extracting(Seen::outcome).containsExactly(Try.success(1), Try.success(2));
    }

    @Test
    void listeners_added_one_after_another_are_all_told_in_order() {
        java.util.List<String> calls = new CopyOnWriteArrayList<>();
        StepListener first = new StepListener() {
            @Override
            public void started(Step step) {
                calls.add("first started " + step.number());
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                calls.add("first finished " + step.number());
            }
        };
        StepListener second = new StepListener() {
            @Override
            public void started(Step step) {
                calls.add("second started " + step.number());
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                calls.add("second finished " + step.number());
            }
        };

        Runner.of(world.executor()).with(options -> options.listener(first).listener(second)).run(Program.perform(new Cmd.Get(1)));

        assertThat(calls).containsExactly("first started 1", "second started 1", "first finished 1", "second finished 1");
    }

    @Test
    void a_listener_that_throws_when_a_step_starts_fails_that_step_with_its_exception_as_cause_and_finalizers_run() {
        IllegalStateException refused = new IllegalStateException("listener refused");
        StepListener refusing = refusingWhen(step -> step.action().equals(new Cmd.Get(2)), refused, true);
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(n -> Program.perform(new Cmd.Get(2)))
                .ensuring(Program.perform(new Cmd.Note("cleanup")));

        Try<Integer> outcome = Runner.of(world.executor()).with(options -> options.listener(refusing)).attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
        assertThat(world.performed).as("the refused step is not performed, the finalizer is")
                .containsExactly(new Cmd.Get(1), new Cmd.Note("cleanup"));
    }

    @Test
    void a_listener_that_throws_when_a_step_finishes_fails_that_step_with_its_exception_as_cause() {
        IllegalStateException refused = new IllegalStateException("listener refused");
        StepListener refusing = refusingWhen(step -> step.action().equals(new Cmd.Get(1)), refused, false);
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Cmd.Get(2)));

        Try<Integer> outcome = Runner.of(world.executor()).with(options -> options.listener(refusing)).attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
        assertThat(world.performed).containsExactly(new Cmd.Get(1));
    }

    @Test
    void a_listener_that_throws_inside_a_parallel_branch_fails_the_block() {
        IllegalStateException refused = new IllegalStateException("listener refused");
        StepListener refusing = refusingWhen(step -> step.action().equals(new Cmd.Get(1)), refused, true);
        Program<List<Integer>> flow = Program.parallel(Program.perform(new Cmd.Get(0)), Program.perform(new Cmd.Get(1)));

        Try<List<Integer>> outcome = Runner.of(world.executor().with(parallelize(2)))
                .with(options -> options.listener(refusing))
                .attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
    }

    @Test
    void a_listener_that_throws_for_a_step_of_a_direct_body_fails_the_flow_and_ends_the_body() {
        IllegalStateException refused = new IllegalStateException("listener refused");
        StepListener refusing = refusingWhen(step -> step.action().equals(new Cmd.Get(1)), refused, true);
        Runner refusingRunner = Runner.of(world.executor()).with(options -> options.listener(refusing));

        java.util.concurrent.atomic.AtomicBoolean bodyEnded = new java.util.concurrent.atomic.AtomicBoolean();

        Try<Integer> outcome = refusingRunner.attempt(Program.direct(f -> {
            try {
                return f.perform(new Cmd.Get(1));
            } finally {
                bodyEnded.set(true);
            }
        }));

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
        assertThat(bodyEnded).as("the body has ended with the run").isTrue();
    }

    @Test
    void a_listener_that_throws_after_a_failed_step_is_suppressed_in_the_step_failure() {
        IllegalStateException refused = new IllegalStateException("listener refused");
        StepListener refusing = refusingWhen(step -> true, refused, false);
        Program<Integer> flow = Program.perform(new Cmd.Fails("executor failed")).ensuring(Program.perform(new Cmd.Note("cleanup")));

        Throwable error = Runner.of(world.executor()).with(options -> options.listener(refusing)).attempt(flow).getCause();

        assertThat(error).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("executor failed");
        assertThat(error.getCause().getSuppressed()).contains(refused);
        assertThat(world.performed).containsExactly(new Cmd.Fails("executor failed"), new Cmd.Note("cleanup"));
    }

    @Test
    void a_listener_that_rethrows_the_failure_of_the_step_fails_it_once_and_finalizers_run() {
        StepListener rethrowing = new StepListener() {
            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                if (outcome.isFailure()) {
                    throw (RuntimeException) outcome.getCause();
                }
            }
        };
        Program<Integer> flow = Program.perform(new Cmd.Fails("executor failed")).ensuring(Program.perform(new Cmd.Note("cleanup")));

        Throwable error = Runner.of(world.executor()).with(options -> options.listener(rethrowing)).attempt(flow).getCause();

        assertThat(error).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("executor failed");
        assertThat(error.getCause().getSuppressed()).isEmpty();
        assertThat(world.performed).containsExactly(new Cmd.Fails("executor failed"), new Cmd.Note("cleanup"));
    }

    @Test
    void cancelling_a_listened_run_while_its_executor_is_interrupted_ends_the_run_and_shows_the_listener_the_cancellation()
            throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("stuck")));
        world.awaitBlocked(1);

        handle.cancel(); // the executor throws InterruptedException, which a vavr Try refuses to hold

        java.util.concurrent.CompletableFuture<Try<String>> ended = new java.util.concurrent.CompletableFuture<>();
        handle.onComplete(ended::complete);
        Try<String> outcome = ended.get(World.PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.getCause()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(recorder.finished).singleElement()
                .satisfies(seen -> assertThat(seen.outcome().getCause()).isSameAs(outcome.getCause()));
    }

    private static StepListener refusingWhen(Predicate<Step> when, RuntimeException error, boolean onStart) {
        return new StepListener() {
            @Override
            public void started(Step step) {
                if (onStart && when.test(step)) {
                    throw error;
                }
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                if (!onStart && when.test(step)) {
                    throw error;
                }
            }
        };
    }

}
