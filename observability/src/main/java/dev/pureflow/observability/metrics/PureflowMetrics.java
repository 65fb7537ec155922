package dev.pureflow.observability.metrics;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.observability.Outcome;
import dev.pureflow.observability.RetryObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vavr.control.Try;
import java.time.Duration;
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
 * <p>It is itself the {@link StepListener} that times steps ({@code runner.with(o -> o.listener(metrics))});
 * {@link #start} adds it for one run. Thread-safe: one instance serves any number of runs at once.
 */
public final class PureflowMetrics implements StepListener {

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
    private final AtomicInteger active = new AtomicInteger();
    /** One timer per outcome for each action type, looked up without hashing a tag list per step. */
    private final ClassValue<Timer[]> stepTimers = new ClassValue<>() {
        @Override
        protected Timer[] computeValue(Class<?> type) {
            Timer[] timers = new Timer[OUTCOMES.length];
            for (Outcome outcome : OUTCOMES) {
                timers[outcome.ordinal()] = Timer.builder(STEP)
                        .description("Steps of pureflow runs, by action type and outcome")
                        .tag("type", typeName(type))
                        .tag("outcome", outcome.tag())
                        .register(registry);
            }
            return timers;
        }
    };

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
    public void started(Step step) {
        active.incrementAndGet();
    }

    @Override
    public void finished(Step step, Try<Object> outcome, Duration duration) {
        active.decrementAndGet();
        stepTimers.get(step.action().getClass())[Outcome.of(outcome).ordinal()].record(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

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
