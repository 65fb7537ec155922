package dev.pureflow.testkit;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Combinator;
import dev.pureflow.FlowFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One run of a flow under a {@link FaultPlan}, in virtual time, with its trace: the body of a fault
 * property. {@link #check} turns an assertion failure into one that shows the plan and the trace.
 *
 * <pre>{@code
 * @Property
 * void never_deploys_after_a_failed_test(@ForAll("plans") FaultPlan plan) {
 *     FaultRun.of(deployFlow, plan, (clock, faults) -> fake.with(faults).with(retried(policy, clock)))
 *         .check(run -> assertThat(run.trace()).neverAfterFailed(RunTests.class, Deploy.class));
 * }
 * }</pre>
 *
 * <p>Each run gets a fresh {@link VirtualClock}, its own {@link FaultInjection} and a run deadline of
 * {@link #DEADLINE} virtual time, so a flow that hangs fails instead of blocking the test. Immutable
 * once made.
 *
 * @param <A> the flow's value type
 */
public final class FaultRun<A> {

    /** How much virtual time a run may take before it is cancelled: one day. */
    public static final Duration DEADLINE = Duration.ofDays(1);

    private final FaultPlan plan;
    private final Try<A> outcome;
    private final Trace trace;
    private final List<Fault> fired;
    private final Duration elapsed;

    private FaultRun(FaultPlan plan, Try<A> outcome, Trace trace, List<Fault> fired, Duration elapsed) {
        this.plan = plan;
        this.outcome = outcome;
        this.trace = trace;
        this.fired = fired;
        this.elapsed = elapsed;
    }

    /**
     * The executor of a faulty run, built for each run from its clock and its fault injection. Put
     * the faults where the world is (right on the fake) and the combinators under test around them.
     */
    @FunctionalInterface
    public interface World {
        /** The executor to run with: typically {@code fake.with(faults).with(combinators using clock)}. */
        Executor executor(VirtualClock clock, Combinator faults);
    }

    /** Runs {@code flow} once under {@code plan} in {@code world}, and keeps what happened. */
    public static <A> FaultRun<A> of(Program<A> flow, FaultPlan plan, World world) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(world, "world");
        VirtualClock clock = VirtualClock.start();
        FaultInjection faults = plan.injecting(clock);
        TraceRecorder recorder = Trace.recorder(clock);
        Executor executor = Objects.requireNonNull(world.executor(clock, faults), "world returned no executor");
        Try<A> outcome = Runner.of(executor)
                .with(options -> options.clock(clock).listener(recorder).timeout(DEADLINE))
                .attempt(flow);
        return new FaultRun<>(plan, outcome, recorder.trace(), faults.fired(), clock.elapsed());
    }

    /** The plan it ran under. */
    public FaultPlan plan() {
        return plan;
    }

    /** The flow's value, or the error it failed with. */
    public Try<A> outcome() {
        return outcome;
    }

    /** The steps it performed. */
    public Trace trace() {
        return trace;
    }

    /** The faults of the plan that hit an action (the others named occurrences that never came). */
    public List<Fault> fired() {
        return fired;
    }

    /** How much virtual time the run took. */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Runs {@code property} on this run; if it throws an {@link AssertionError}, throws a new one
     * whose message starts with {@link #report()} (without the trace if the original message shows
     * it already, as {@link TraceAssert}'s do) and ends with the original message (the original is
     * the cause).
     *
     * @return this run, for more checks
     */
    public FaultRun<A> check(Consumer<? super FaultRun<A>> property) {
        Objects.requireNonNull(property, "property");
        try {
            property.accept(this);
        } catch (AssertionError broken) {
            String message = String.valueOf(broken.getMessage());
            // trace assertions already show the trace: do not show it twice
            String report = message.contains(trace.toString()) ? summary() : report();
            throw new AssertionError(report + (report.endsWith("\n") ? "" : "\n") + message, broken);
        }
        return this;
    }

    /** The plan, the faults that fired, the outcome and the trace, as a failing property shows them. */
    public String report() {
        return summary() + "\ntrace:\n" + trace.toString().indent(2);
    }

    /** The plan, the faults that fired and the outcome. */
    private String summary() {
        String result = outcome.fold(
                error -> {
                    Throwable cause = error;
                    while ((cause instanceof ActionFailedException || cause instanceof FlowFailedException) && cause.getCause() != null) {
                        cause = cause.getCause(); // the trace already says which step failed
                    }
                    return "failed with " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
                },
                value -> "succeeded with " + value);
        return "under fault plan: " + plan + "\n"
                + "faults that fired: " + (fired.isEmpty() ? "none" : new FaultPlan(fired).toString()) + "\n"
                + "the flow " + result + " after " + Durations.human(elapsed);
    }

    @Override
    public String toString() {
        return "FaultRun[" + plan + " -> " + outcome + "]";
    }
}
