package dev.pureflow.testkit;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.FlowFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.util.Objects;
import java.util.function.Function;

/**
 * Model-based checks: runs the same flow against the system under test and against a reference
 * model (a simple, obviously right executor) and asserts they agree. Two outcomes agree when both
 * flows yield equal values, or both fail with the same kind of error: the same class and message
 * of the error an action failed with (unwrapped from {@link ActionFailedException}), or of the
 * flow's own error.
 *
 * <pre>{@code
 * @Property
 * void the_cache_behaves_like_a_map(@ForAll("commands") List<Cmd> commands) {
 *     ModelCheck.between(clock -> cachedStore(clock), clock -> mapModel())
 *         .assertAgree(Program.traverse(commands, Program::perform));
 * }
 * }</pre>
 *
 * <p>Each run gets a fresh {@link VirtualClock} (handed to the executor factories so that latencies,
 * retries and timeouts run in virtual time), a trace, and the run deadline {@link FaultRun#DEADLINE}.
 * A disagreement fails with both outcomes and both traces. Immutable.
 */
public final class ModelCheck {

    private final Function<VirtualClock, Executor> system;
    private final Function<VirtualClock, Executor> model;

    private ModelCheck(Function<VirtualClock, Executor> system, Function<VirtualClock, Executor> model) {
        this.system = system;
        this.model = model;
    }

    /** A check of {@code system} (the executor under test) against {@code model}, each made afresh per run. */
    public static ModelCheck between(Function<VirtualClock, Executor> system, Function<VirtualClock, Executor> model) {
        return new ModelCheck(Objects.requireNonNull(system, "system"), Objects.requireNonNull(model, "model"));
    }

    /**
     * Runs {@code flow} on both and throws an {@link AssertionError} showing both outcomes and
     * traces if they disagree.
     *
     * @return the outcome both agreed on
     */
    public <A> Try<A> assertAgree(Program<A> flow) {
        Objects.requireNonNull(flow, "flow");
        Observed<A> actual = run(flow, system);
        Observed<A> expected = run(flow, model);
        if (!agree(actual.outcome(), expected.outcome())) {
            throw new AssertionError("the system under test and the model disagree\n"
                    + "system: " + summary(actual.outcome()) + "\n" + actual.trace().toString().indent(2)
                    + "model:  " + summary(expected.outcome()) + "\n" + expected.trace().toString().indent(2));
        }
        return actual.outcome();
    }

    private record Observed<A>(Try<A> outcome, Trace trace) {}

    private static <A> Observed<A> run(Program<A> flow, Function<VirtualClock, Executor> world) {
        VirtualClock clock = VirtualClock.start();
        TraceRecorder recorder = Trace.recorder(clock);
        Executor executor = Objects.requireNonNull(world.apply(clock), "the executor factory returned null");
        Try<A> outcome = Runner.of(executor)
                .with(options -> options.clock(clock).listener(recorder).timeout(FaultRun.DEADLINE))
                .attempt(flow);
        return new Observed<>(outcome, recorder.trace());
    }

    private static boolean agree(Try<?> actual, Try<?> expected) {
        return actual.isSuccess() && expected.isSuccess()
                ? Objects.equals(actual.get(), expected.get())
                : actual.isFailure() && expected.isFailure() && summary(actual).equals(summary(expected));
    }

    /** An outcome as a disagreement shows it; for failures, what must be equal for two to agree. */
    static String summary(Try<?> outcome) {
        return outcome.fold(error -> {
            Throwable cause = error;
            while ((cause instanceof ActionFailedException || cause instanceof FlowFailedException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "failed with " + cause.getClass().getName() + ": " + cause.getMessage();
        }, value -> "yielded " + value);
    }
}
