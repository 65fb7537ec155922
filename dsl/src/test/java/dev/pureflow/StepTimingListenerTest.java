package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ListenedStepProperties.Executed;
import dev.pureflow.ListenedStepProperties.Observed;
import dev.pureflow.ListenedStepProperties.ThreadTimeClock;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A {@link StepTimingListener} is told what a {@link StepListener} is, in the same places, without
 * the runner making a {@link Step} for it: each step's start and end on the thread that calls the
 * executor, its failure, its duration on the run's clock in nanoseconds; {@link Step#current()}
 * stays right (made on demand, stamped with the start reading's instant, the same key as a listened
 * run gives the step), in parallel branches and direct-style bodies too; a listener that throws
 * fails the step as a {@code StepListener} does.
 */
class StepTimingListenerTest {

    /** One step as a timing listener saw it. */
    record Timed(Thread startedOn, Thread finishedOn, Option<Step> currentAtEnd, Option<Throwable> failure, long nanos) {}

    /** Records what it is told, by action; asks for {@link Step#current()} only when a step has ended. */
    static final class TimingObserved implements StepTimingListener {
        final Map<Action<?>, Thread> started = new ConcurrentHashMap<>();
        final Map<Action<?>, Timed> timed = new ConcurrentHashMap<>();
        final java.util.List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicLong startedCalls = new AtomicLong();
        final AtomicLong finishedCalls = new AtomicLong();

        @Override
        public void stepStarted(Action<?> action) {
            startedCalls.incrementAndGet();
            calls.add("started " + action);
            started.put(action, Thread.currentThread());
        }

        @Override
        public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {
            finishedCalls.incrementAndGet();
            calls.add("finished " + action);
            timed.put(action, new Timed(started.get(action), Thread.currentThread(), Step.current(), failure, nanos));
        }
    }

    @Property(tries = 25)
    void each_timed_step_is_told_around_its_executor_call_on_its_thread_with_its_duration_and_the_current_step_a_listener_would_get(
            @ForAll @Size(max = 5) java.util.List<@IntRange(min = 1, max = 9) Integer> mainCosts,
            @ForAll @Size(max = 5) java.util.List<@IntRange(min = 1, max = 9) Integer> bodyCosts,
            @ForAll @IntRange(min = 1, max = 4) int branches,
            @ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 9) Integer> branchCosts,
            @ForAll @IntRange(min = 1, max = 4) int parallelism) {
        Program<Integer> flow = ListenedStepProperties.shaped(mainCosts, bodyCosts, branches, branchCosts);
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed executing = new Observed(clock); // its executor notes what the executor saw
        TimingObserved timing = new TimingObserved();
        ThreadTimeClock listenedClock = new ThreadTimeClock();
        Observed listened = new Observed(listenedClock);

        int sum = Runner.of(executing.executor().with(parallelize(parallelism))).with(options -> options.clock(clock).listener(timing)).run(flow);
        int listenedSum = Runner.of(listened.executor().with(parallelize(parallelism)))
                .with(options -> options.clock(listenedClock).listener(listened)).run(flow);

        int steps = mainCosts.size() + bodyCosts.size() + branches * branchCosts.size();
        assertThat(sum).isEqualTo(listenedSum);
        assertThat(timing.startedCalls.get()).isEqualTo(steps);
        assertThat(timing.finishedCalls.get()).isEqualTo(steps);
        assertThat(executing.executed).hasSize(steps);
        for (Step listenedStep : listened.steps) {
            Action<?> action = listenedStep.action();
            Timed told = timing.timed.get(action);
            Executed executed = executing.executed.get(action);
            assertThat(told).as("finished for the step started was told of: %s", action).isNotNull();
            assertThat(told.startedOn()).isSameAs(executed.thread()).isSameAs(told.finishedOn());
            Step current = executed.current().get();
            assertThat(current.action()).isEqualTo(action);
            assertThat(current.key()).as("the key a listened run gives the step").isEqualTo(listenedStep.key());
            assertThat(current.startedAt()).isEqualTo(ListenedStepProperties.ORIGIN.plusNanos(executed.startTime()));
            assertThat(told.currentAtEnd().get()).as("one Step made on demand for the whole step").isSameAs(current);
            assertThat(told.nanos()).isEqualTo(((Cmd.Get) action).n() % 10 * 1_000L);
            assertThat(told.failure()).isEmpty();
        }
        assertThat(clock.nanoReadings.get()).as("clock readings: a start and an end per step").isEqualTo(2L * steps);
        assertThat(clock.instantReadings.get()).as("Step.current()'s instant is derived from the start reading").isZero();
    }

    @Example
    void a_failing_timed_step_is_told_its_exception_and_duration_and_no_step_is_current_after_it() {
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed executing = new Observed(clock);
        TimingObserved timing = new TimingObserved();
        java.util.List<Option<Step>> afterwards = new CopyOnWriteArrayList<>();
        Program<Integer> flow = Program.perform(new Cmd.Get(3))
                .flatMap(n -> Program.perform(new Cmd.Fails("boom")))
                .recoverWith(failed -> Program.defer(() -> {
                    afterwards.add(Step.current());
                    return Program.pure(0);
                }));

        assertThat(Runner.of(executing.executor()).with(options -> options.clock(clock).listener(timing)).run(flow)).isZero();

        Timed failed = timing.timed.get(new Cmd.Fails("boom"));
        assertThat(failed.failure().get()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(failed.nanos()).isEqualTo(1_000);
        assertThat(timing.timed.get(new Cmd.Get(3)).nanos()).isEqualTo(3_000);
        Step current = failed.currentAtEnd().get();
        assertThat(current.number()).isEqualTo(2);
        assertThat(current.key()).isEqualTo(new StepKey(StepKey.MAIN, 1));
        assertThat(current.startedAt()).isEqualTo(ListenedStepProperties.ORIGIN.plusNanos(3_000));
        assertThat(executing.executed.get(new Cmd.Fails("boom")).current().get()).isSameAs(current);
        assertThat(afterwards).containsExactly(Option.none());
        assertThat(timing.calls).containsExactly("started Get[n=3]", "finished Get[n=3]", "started Fails[why=boom]", "finished Fails[why=boom]");
    }

    @Example
    void a_timing_listener_that_throws_when_a_step_starts_fails_that_step_with_its_exception_as_cause_and_finalizers_run() {
        World world = new World();
        IllegalStateException refused = new IllegalStateException("listener refused");
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(n -> Program.perform(new Cmd.Get(2)))
                .ensuring(Program.perform(new Cmd.Note("cleanup")));
        java.util.List<Option<Throwable>> toldFailures = new CopyOnWriteArrayList<>();

        Try<Integer> outcome = Runner.of(world.executor())
                .with(options -> options.listener(refusingWhen(new Cmd.Get(2)::equals, refused, true, toldFailures)))
                .attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
        assertThat(world.performed).as("the refused step is not performed, the finalizer is")
                .containsExactly(new Cmd.Get(1), new Cmd.Note("cleanup"));
        assertThat(toldFailures).as("the refused step is still told finished, with the listener's exception")
                .containsExactly(Option.none(), Option.some(refused), Option.none());
    }

    @Example
    void a_timing_listener_that_throws_when_a_step_finishes_fails_that_step_with_its_exception_as_cause() {
        World world = new World();
        IllegalStateException refused = new IllegalStateException("listener refused");
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Cmd.Get(2)));

        Try<Integer> outcome = Runner.of(world.executor())
                .with(options -> options.listener(refusingWhen(new Cmd.Get(1)::equals, refused, false, new CopyOnWriteArrayList<>())))
                .attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).hasCause(refused);
        assertThat(world.performed).containsExactly(new Cmd.Get(1));
    }

    @Example
    void a_timing_listener_that_throws_after_a_failed_step_is_suppressed_in_the_step_failure() {
        World world = new World();
        IllegalStateException refused = new IllegalStateException("listener refused");
        Program<Integer> flow = Program.perform(new Cmd.Fails("executor failed")).ensuring(Program.perform(new Cmd.Note("cleanup")));

        Throwable error = Runner.of(world.executor())
                .with(options -> options.listener(refusingWhen(action -> true, refused, false, new CopyOnWriteArrayList<>())))
                .attempt(flow).getCause();

        assertThat(error).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("executor failed");
        assertThat(error.getCause().getSuppressed()).contains(refused);
        assertThat(world.performed).containsExactly(new Cmd.Fails("executor failed"), new Cmd.Note("cleanup"));
    }

    @Example
    void a_timing_listener_composed_with_another_listener_is_told_the_same_through_the_step_methods() {
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed executing = new Observed(clock);
        TimingObserved alone = new TimingObserved();
        TimingObserved composed = new TimingObserved();
        Observed second = new Observed(clock);
        Program<Integer> flow = Program.perform(new Cmd.Get(4))
                .flatMap(n -> Program.perform(new Cmd.Fails("no")).recover(error -> 0))
                .flatMap(n -> Program.perform(new Cmd.Get(17)));
        Runner runner = Runner.of(executing.executor()).with(options -> options.clock(clock));

        runner.with(options -> options.listener(alone)).run(flow);
        runner.with(options -> options.listener(composed).listener(second)).run(flow);

        assertThat(composed.calls).isEqualTo(alone.calls).hasSize(6);
        assertThat(second.steps).hasSize(3);
        for (Action<?> action : java.util.List.of(new Cmd.Get(4), new Cmd.Fails("no"), new Cmd.Get(17))) {
            Timed viaSteps = composed.timed.get(action);
            Timed direct = alone.timed.get(action);
            assertThat(viaSteps.nanos()).isEqualTo(direct.nanos());
            assertThat(viaSteps.failure().map(Throwable::getMessage)).isEqualTo(direct.failure().map(Throwable::getMessage));
            // composed, the runner makes the Step and hands it to both: Step.current() is that one
            assertThat(viaSteps.currentAtEnd().get()).isIn(second.steps);
        }
        assertThat(alone.timed.get(new Cmd.Get(4)).nanos()).isEqualTo(4_000);
        assertThat(alone.timed.get(new Cmd.Fails("no")).failure().get()).hasMessage("no");
    }

    /** A timing listener that throws {@code error} for the actions {@code when} picks, on start or on finish; notes every failure it is told. */
    private static StepTimingListener refusingWhen(Predicate<Action<?>> when, RuntimeException error, boolean onStart,
            java.util.List<Option<Throwable>> toldFailures) {
        return new StepTimingListener() {
            @Override
            public void stepStarted(Action<?> action) {
                if (onStart && when.test(action)) {
                    throw error;
                }
            }

            @Override
            public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {
                toldFailures.add(failure);
                if (!onStart && when.test(action)) {
                    throw error;
                }
            }
        };
    }
}
