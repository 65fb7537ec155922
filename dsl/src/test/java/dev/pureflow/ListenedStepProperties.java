package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.watch.SystemClockForwarder;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What the runner's listened path promises however a flow is shaped (monadic steps, a direct-style
 * body, a parallel block whose branches run at once or one after another): each step is told
 * {@code started} then {@code finished} once, on the thread that calls the executor, with the very
 * {@link Step} that {@link Step#current()} shows the executor there; its duration is the time the
 * executor took on the run's clock; its start instant is the instant of the start reading; and the
 * clock is read exactly twice per step (the start instant is derived, not read again), never when
 * nobody listens.
 */
class ListenedStepProperties {

    static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * A clock whose time is the calling thread's own: each {@link Cmd.Get} advances its thread's
     * time by {@code n} µs, so a step's duration is known exactly however branches interleave.
     * Counts its readings. Instants are readings from {@link #ORIGIN}, like a virtual clock's.
     */
    static class ThreadTimeClock extends SystemClockForwarder {
        final ThreadLocal<long[]> time = ThreadLocal.withInitial(() -> new long[1]);
        final AtomicLong nanoReadings = new AtomicLong();
        final AtomicLong instantReadings = new AtomicLong();

        void advance(long nanos) {
            time.get()[0] += nanos;
        }

        long now() {
            return time.get()[0];
        }

        @Override
        public Instant instant() {
            instantReadings.incrementAndGet();
            return ORIGIN.plusNanos(now());
        }

        @Override
        public Instant instantAt(long nanoTime) {
            return ORIGIN.plusNanos(nanoTime);
        }

        @Override
        public long nanoTime() {
            nanoReadings.incrementAndGet();
            return now();
        }

    }

    /** The same clock without {@code instantAt}: the runner must read {@code instant()} for each step's start. */
    static final class InstantOnlyClock extends ThreadTimeClock {
        @Override
        public Instant instantAt(long nanoTime) {
            return instant();
        }
    }

    /** What the executor saw while carrying out one action: its thread, its clock time and Step.current(). */
    record Executed(Thread thread, long startTime, Option<Step> current) {}

    /** One step as the listener saw it. */
    record Told(Thread startedOn, Option<Step> currentAtStart, Thread finishedOn, Option<Step> currentAtEnd, Try<Object> outcome,
                Duration duration) {}

    /** Everything one run showed: what the executor and the listener saw, by action. */
    static final class Observed implements StepListener {
        final ThreadTimeClock clock;
        final Map<Action<?>, Executed> executed = new ConcurrentHashMap<>();
        final Map<Step, Thread> started = new ConcurrentHashMap<>();
        final Map<Step, Option<Step>> currentAtStart = new ConcurrentHashMap<>();
        final java.util.List<Step> steps = new CopyOnWriteArrayList<>();
        final Map<Step, Told> told = new ConcurrentHashMap<>();
        final AtomicLong startedCalls = new AtomicLong();
        final AtomicLong finishedCalls = new AtomicLong();

        Observed(ThreadTimeClock clock) {
            this.clock = clock;
        }

        /** Each Get(n) takes n % 10 µs of its thread's time (its cost; the rest of n tells steps apart); Fails takes 1 µs, then throws. */
        Executor executor() {
            return Executor.of(Cmd.class, cmd -> {
                executed.put(cmd, new Executed(Thread.currentThread(), clock.now(), Step.current()));
                return switch (cmd) {
                    case Cmd.Get get -> {
                        clock.advance(get.n() % 10 * 1_000L);
                        yield get.n();
                    }
                    case Cmd.Fails fails -> {
                        clock.advance(1_000L);
                        throw new IllegalStateException(fails.why());
                    }
                    default -> throw new IllegalArgumentException("not used here: " + cmd);
                };
            });
        }

        @Override
        public void started(Step step) {
            startedCalls.incrementAndGet();
            steps.add(step);
            started.put(step, Thread.currentThread());
            currentAtStart.put(step, Step.current());
        }

        @Override
        public void finished(Step step, Try<Object> outcome, Duration duration) {
            finishedCalls.incrementAndGet();
            told.put(step, new Told(started.get(step), currentAtStart.get(step), Thread.currentThread(), Step.current(), outcome, duration));
        }
    }

    /** Steps of {@code costs} one after another; action identities are made unique by {@code base}. */
    static Program<Integer> monadic(java.util.List<Integer> costs, int base) {
        Program<Integer> flow = Program.pure(0);
        for (int i = 0; i < costs.size(); i++) {
            Cmd.Get get = new Cmd.Get(costs.get(i) + 10 * (base + i));
            flow = flow.flatMap(sum -> Program.perform(get).map(n -> sum + n));
        }
        return flow;
    }

    /** The same steps performed by a direct-style body. */
    static Program<Integer> direct(java.util.List<Integer> costs, int base) {
        return Program.direct(flow -> {
            int sum = 0;
            for (int i = 0; i < costs.size(); i++) {
                sum += flow.perform(new Cmd.Get(costs.get(i) + 10 * (base + i)));
            }
            return sum;
        });
    }

    /** Main steps, then a body, then a block whose branches are monadic and direct in turn. */
    static Program<Integer> shaped(java.util.List<Integer> mainCosts, java.util.List<Integer> bodyCosts, int branches,
            java.util.List<Integer> branchCosts) {
        List<Program<Integer>> block = List.range(0, branches)
                .map(b -> b % 2 == 0 ? monadic(branchCosts, 1_000 * (b + 3)) : direct(branchCosts, 1_000 * (b + 3)));
        return monadic(mainCosts, 0)
                .flatMap(a -> direct(bodyCosts, 1_000))
                .flatMap(b -> Program.parallel(block))
                .map(sums -> sums.sum().intValue());
    }

    @Property(tries = 25)
    void each_listened_step_is_told_around_its_executor_call_on_its_thread_timed_by_two_clock_readings(
            @ForAll @Size(max = 5) java.util.List<@IntRange(min = 1, max = 9) Integer> mainCosts,
            @ForAll @Size(max = 5) java.util.List<@IntRange(min = 1, max = 9) Integer> bodyCosts,
            @ForAll @IntRange(min = 1, max = 4) int branches,
            @ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 9) Integer> branchCosts,
            @ForAll @IntRange(min = 1, max = 4) int parallelism) {
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed observed = new Observed(clock);
        Runner runner = Runner.of(observed.executor().with(parallelize(parallelism)))
                .with(options -> options.clock(clock).listener(observed));

        runner.run(shaped(mainCosts, bodyCosts, branches, branchCosts));

        int steps = mainCosts.size() + bodyCosts.size() + branches * branchCosts.size();
        assertThat(observed.startedCalls.get()).isEqualTo(steps);
        assertThat(observed.finishedCalls.get()).isEqualTo(steps);
        assertThat(observed.executed).hasSize(steps);
        for (Step step : observed.steps) {
            Told told = observed.told.get(step);
            Executed executed = observed.executed.get(step.action());
            assertThat(told).as("finished with the step started was told of: %s", step).isNotNull();
            assertThat(told.startedOn()).isSameAs(executed.thread()).isSameAs(told.finishedOn());
            assertThat(executed.current().get()).as("Step.current() in the executor").isSameAs(step);
            assertThat(told.currentAtStart().get()).isSameAs(step);
            assertThat(told.currentAtEnd().get()).isSameAs(step);
            assertThat(told.duration()).isEqualTo(Duration.ofNanos(((Cmd.Get) step.action()).n() % 10 * 1_000L));
            assertThat(step.startedAt()).isEqualTo(ORIGIN.plusNanos(executed.startTime()));
            assertThat(told.outcome()).isEqualTo(Try.success(((Cmd.Get) step.action()).n()));
        }
        assertThat(clock.nanoReadings.get()).as("clock readings: a start and an end per step").isEqualTo(2L * steps);
        assertThat(clock.instantReadings.get()).as("the start instant is derived from the start reading").isZero();
    }

    @Property(tries = 10)
    void a_clock_that_cannot_derive_instants_is_asked_for_one_per_step(
            @ForAll @Size(min = 1, max = 6) java.util.List<@IntRange(min = 1, max = 9) Integer> costs) {
        ThreadTimeClock clock = new InstantOnlyClock();
        Observed observed = new Observed(clock);
        Runner runner = Runner.of(observed.executor()).with(options -> options.clock(clock).listener(observed));

        runner.run(monadic(costs, 0));

        assertThat(clock.instantReadings.get()).isEqualTo(costs.size());
        assertThat(clock.nanoReadings.get()).isEqualTo(2L * costs.size());
        assertThat(observed.steps).allSatisfy(step ->
                assertThat(step.startedAt()).isEqualTo(ORIGIN.plusNanos(observed.executed.get(step.action()).startTime())));
    }

    @Property(tries = 10)
    void nobody_listening_means_no_clock_reading_and_still_a_current_step(
            @ForAll @Size(min = 1, max = 5) java.util.List<@IntRange(min = 1, max = 9) Integer> bodyCosts,
            @ForAll @IntRange(min = 1, max = 3) int branches) {
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed observed = new Observed(clock);
        Runner runner = Runner.of(observed.executor().with(parallelize(branches))).with(options -> options.clock(clock));

        runner.run(shaped(java.util.List.of(1), bodyCosts, branches, bodyCosts));

        assertThat(clock.nanoReadings.get()).isZero();
        assertThat(observed.executed.values()).allSatisfy(executed -> assertThat(executed.current()).isNotEmpty());
        assertThat(observed.executed).allSatisfy((action, executed) -> assertThat(executed.current().get().action()).isEqualTo(action));
    }

    @Example
    void a_failing_step_is_told_finished_with_its_exception_timed_and_with_no_current_step_after_it() {
        ThreadTimeClock clock = new ThreadTimeClock();
        Observed observed = new Observed(clock);
        Runner runner = Runner.of(observed.executor()).with(options -> options.clock(clock).listener(observed));
        java.util.List<Option<Step>> afterwards = new CopyOnWriteArrayList<>();
        Program<Integer> flow = Program.perform(new Cmd.Get(3))
                .flatMap(n -> Program.perform(new Cmd.Fails("boom")))
                .recoverWith(failed -> Program.defer(() -> {
                    afterwards.add(Step.current());
                    return Program.pure(0);
                }));

        assertThat(runner.run(flow)).isZero();

        Step failing = observed.steps.get(1);
        Told told = observed.told.get(failing);
        assertThat(told.outcome().getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(told.duration()).isEqualTo(Duration.ofNanos(1_000));
        assertThat(told.startedOn()).isSameAs(told.finishedOn()).isSameAs(observed.executed.get(new Cmd.Fails("boom")).thread());
        assertThat(observed.executed.get(new Cmd.Fails("boom")).current().get()).isSameAs(failing);
        assertThat(failing.startedAt()).isEqualTo(ORIGIN.plusNanos(3_000));
        assertThat(afterwards).containsExactly(Option.none());
        assertThat(clock.nanoReadings.get()).isEqualTo(4);
    }
}
