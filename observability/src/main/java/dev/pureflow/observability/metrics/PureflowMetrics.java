package dev.pureflow.observability.metrics;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.StepTimingListener;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.observability.Outcome;
import dev.pureflow.observability.RetryObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds runs to a Micrometer {@link MeterRegistry}: how long each kind of step takes and how it
 * ends, how long runs take, how often actions are retried, what is in flight.
 *
 * <pre>{@code
 * PureflowMetrics metrics = PureflowMetrics.on(registry);
 * Executor executor = base.with(metrics.retried(RetryPolicy.DEFAULT, Clock.system()));
 * Integer greeted = metrics.start(Runner.of(executor), "greeting", flow).await();
 * }</pre>
 *
 * <p>Meters (every tag has a bounded set of values: never a run id, step number, job id or argument):
 * <ul>
 *   <li>{@code pureflow.step} — timer, tags {@code type} (the action record's simple name) and
 *       {@code outcome} ({@code success}, {@code failure}, {@code timeout}, {@code cancelled});</li>
 *   <li>{@code pureflow.run} — timer, tags {@code flow} (the name given to {@link #start}) and {@code outcome};</li>
 *   <li>{@code pureflow.retry.calls} — counter, tags {@code type} and {@code kind}, in Resilience4j's
 *       words: {@code successful_without_retry}, {@code successful_with_retry},
 *       {@code failed_without_retry}, {@code failed_with_retry} (counted by {@link #retried});</li>
 *   <li>{@code pureflow.steps.active} — gauge of steps handed to an executor and not yet ended;</li>
 *   <li>{@code pureflow.process.jobs} — gauge of running process jobs of each executor given to {@link #bindJobs}.</li>
 * </ul>
 *
 * <p>It is itself the {@link dev.pureflow.StepListener} that times steps ({@code runner.with(o -> o.listener(metrics))});
 * {@link #start} adds it for one run. A {@link StepTimingListener}: it needs of a step only its
 * action's class and its duration, so the runner makes no {@code Step} for it. Thread-safe: one instance serves any number of runs at once.
 */
public final class PureflowMetrics implements StepTimingListener {

    /** The step timer's name. */
    public static final String STEP = "pureflow.step";
    /** The run timer's name. */
    public static final String RUN = "pureflow.run";
    /** The retry counter's name. */
    public static final String RETRY_CALLS = "pureflow.retry.calls";
    /** The in-flight gauge's name. */
    public static final String STEPS_ACTIVE = "pureflow.steps.active";
    /** The process jobs gauge's name. */
    public static final String PROCESS_JOBS = "pureflow.process.jobs";

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final MeterRegistry registry;
    /**
     * Steps started minus steps ended. One atomic number rather than a {@code LongAdder}: an
     * adder's sum, read while steps start and end, can be off by the steps that moved from its
     * base to its cells (even below zero); one number is exact at every read, and uncontended it
     * costs the same.
     */
    private final AtomicInteger active = new AtomicInteger();
    /** One timer per outcome for each action type, looked up without hashing a tag list per step. */
    private final ClassValue<StepTimers> stepTimers = new ClassValue<>() {
        @Override
        protected StepTimers computeValue(Class<?> type) {
            Timer[] timers = new Timer[OUTCOMES.length];
            for (Outcome outcome : OUTCOMES) {
                timers[outcome.ordinal()] = Timer.builder(STEP)
                        .description("Steps of pureflow runs, by action type and outcome")
                        .tag("type", typeName(type))
                        .tag("outcome", outcome.tag())
                        .register(registry);
            }
            return new StepTimers(type, timers);
        }
    };
    /**
     * The timers of the action type last timed: a flow mostly repeats a few types, so most steps
     * find theirs here with one comparison instead of the {@code ClassValue}'s lookup. Read and
     * written without synchronisation on purpose: a {@code StepTimers} is immutable (final fields,
     * safely published however it is read), and a thread that sees a stale one only looks again.
     */
    private StepTimers lastTimed;

    private PureflowMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(STEPS_ACTIVE, active, AtomicInteger::get)
                .description("Steps handed to an executor and not yet ended")
                .strongReference(true)
                .register(registry);
    }

    /** Metrics of runs recorded in {@code registry}. */
    public static PureflowMetrics on(MeterRegistry registry) {
        return new PureflowMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void stepStarted(Action<?> action) {
        active.incrementAndGet();
    }

    @Override
    public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {
        active.decrementAndGet();
        Outcome ended = failure.isEmpty() ? Outcome.SUCCESS : Outcome.ofError(failure.get());
        timersOf(action.getClass()).byOutcome()[ended.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    private StepTimers timersOf(Class<?> type) {
        StepTimers last = lastTimed;
        if (last != null && last.type() == type) {
            return last;
        }
        StepTimers found = stepTimers.get(type);
        lastTimed = found;
        return found;
    }

    /** The {@code pureflow.step} timers of one action type, indexed by {@link Outcome#ordinal()}. */
    private record StepTimers(Class<?> type, Timer[] byOutcome) {}

    /**
     * Starts {@code program} on {@code runner} with this listener added, and times the run as
     * {@code pureflow.run} with {@code flow=flowName} ({@code flowName} names a flow, never a run:
     * keep it to a fixed set). A run that returns or fails is recorded before its handle completes;
     * a cancelled or timed-out one as its handle completes, so right after {@code await} returns.
     */
    public <A> RunHandle<A> start(Runner runner, String flowName, Program<A> program) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(program, "program");
        Clock clock = runner.options().clock();
        AtomicBoolean recorded = new AtomicBoolean();
        long[] start = new long[1];
        Program<A> timed = Program.defer(() -> {
            start[0] = clock.nanoTime(); // the run begins when its thread begins it
            return program.attempt().flatMap(result -> {
                recordRun(recorded, flowName, Outcome.of(result), clock.nanoTime() - start[0]);
                return result.isSuccess() ? Program.pure(result.get()) : Program.fail(result.getCause());
            });
        });
        long submitted = clock.nanoTime();
        RunHandle<A> handle = runner.with(options -> options.listener(this)).start(timed);
        // a cancelled or timed-out run does not reach the flatMap above: its handle tells
        handle.onComplete(result -> recordRun(recorded, flowName, Outcome.of(result), clock.nanoTime() - submitted));
        return handle;
    }

    private void recordRun(AtomicBoolean recorded, String flowName, Outcome outcome, long nanos) {
        if (recorded.compareAndSet(false, true)) {
            Timer.builder(RUN)
                    .description("Runs of pureflow flows, by flow and outcome")
                    .tag("flow", flowName)
                    .tag("outcome", outcome.tag())
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code retried(policy, clock)} that also counts each call in {@code pureflow.retry.calls}:
     * compose it where {@link dev.pureflow.combinators.Combinators#retried} would go.
     */
    public Combinator retried(RetryPolicy policy, Clock clock) {
        return RetryObserver.retried(policy, clock, (action, attempts, succeeded) -> retryCounter(action, attempts, succeeded).increment());
    }

    private Counter retryCounter(Action<?> action, int attempts, boolean succeeded) {
        String kind = (succeeded ? "successful_" : "failed_") + (attempts > 1 ? "with_retry" : "without_retry");
        return Counter.builder(RETRY_CALLS)
                .description("Calls of retried actions, by action type and kind")
                .tag("type", typeName(action.getClass()))
                .tag("kind", kind)
                .register(registry);
    }

    /**
     * Shows the running jobs of {@code executor} as the gauge {@code pureflow.process.jobs}, tagged
     * {@code executor=name} (name executors from a fixed set). The gauge holds the executor weakly.
     */
    public PureflowMetrics bindJobs(ProcessExecutor executor, String name) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(name, "name");
        Gauge.builder(PROCESS_JOBS, executor, ProcessExecutor::runningJobs)
                .description("Process jobs started with Start and still running")
                .tag("executor", name)
                .register(registry);
        return this;
    }

    /** An action type's tag: the record's simple name (its full name for a class without one). */
    static String typeName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }

    @Override
    public String toString() {
        return "PureflowMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
