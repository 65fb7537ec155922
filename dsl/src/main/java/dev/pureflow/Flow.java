package dev.pureflow;

import io.vavr.collection.List;
import java.util.concurrent.Callable;

/**
 * The handle a direct-style flow uses to reach the world; see {@link Program#direct(Body)}.
 *
 * <p>Every call interprets its step right away, on the body's own thread (the thread interpreting
 * the flow), with the run's executor, listener, step numbering, branch and cancellation, and
 * returns the answer there or throws. So the body sees exactly what a monadic flow would: typed
 * answers, and errors thrown at the call that caused them (a failed action as
 * {@link ActionFailedException}, a cancelled run as the run's own
 * {@link java.util.concurrent.CancellationException}, a {@link FlowTimeoutException} when its
 * deadline passed; a checked error from {@link Program#fail} is wrapped in
 * {@link FlowFailedException}).
 *
 * <p>Cancelling the run interrupts the body's thread, so a body blocked between calls (sleeping,
 * waiting on a queue) is woken with an {@link InterruptedException}; its next call throws the
 * cancellation. To still act after cancellation (a {@code finally} that must kill or release
 * something), use {@link #uncancellable}.
 *
 * <pre>{@code
 * Program<String> deploy = Program.direct(flow -> {
 *     String id = flow.perform(new Start("server"));
 *     try {
 *         return flow.perform(new AwaitReady(id));
 *     } finally {
 *         flow.uncancellable(() -> flow.perform(new Stop(id))); // runs even if the run was cancelled
 *     }
 * });
 * }</pre>
 *
 * <p>Confined to the body's own thread and to the body itself: a call from another thread, from
 * inside a step the body is running (a {@code defer} thunk, an executor, a nested body), or after
 * the body has ended is an {@link IllegalStateException}.
 */
public interface Flow {

    /**
     * Performs {@code action} through the executor and returns its answer; a {@link BuiltIn}
     * action (a sleep, a message, a published value) is answered by the interpreter, as in a
     * monadic flow: {@code flow.perform(new BuiltIn.Sleep(Duration.ofSeconds(5)))}.
     */
    <R> R perform(Action<R> action);

    /** Runs a whole sub-program (monadic, parallel, or direct) and returns its value. */
    <A> A run(Program<A> program);

    /** Runs the programs as one parallel block and returns their values in input order. */
    default <A> List<A> parallel(Iterable<? extends Program<A>> programs) {
        return run(Program.parallel(programs));
    }

    /**
     * Calls {@code region} with cancellation masked, as a {@link Program#bracket bracket} runs its
     * release, and returns its value: the calls it makes on this handle run even if the run is
     * cancelled before or during the region, and its actions are not interrupted. The cancellation
     * is delivered when the region ends: the body's thread is interrupted again and its next call
     * throws it. Regions nest. An unchecked exception from {@code region} is thrown as it is, a
     * checked one wrapped in {@link FlowFailedException}.
     *
     * <p>Keep regions short and sure to end (killing a job, releasing a lease): a region that
     * blocks forever holds the run, and its deadline, forever.
     */
    <A> A uncancellable(Callable<A> region);

    /**
     * The body of a direct-style flow.
     *
     * @param <A> the type of the value the flow yields
     */
    @FunctionalInterface
    interface Body<A> {
        /** Runs the flow, reaching the world only through {@code flow}. */
        A run(Flow flow) throws Exception;
    }
}
