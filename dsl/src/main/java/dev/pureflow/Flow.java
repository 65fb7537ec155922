package dev.pureflow;

import io.vavr.collection.List;

/**
 * The handle a direct-style flow uses to reach the world; see {@link Program#direct(Body)}.
 *
 * <p>Every call hands a step to the runner and parks the body until the answer comes back, so the
 * body sees exactly what a monadic flow would: typed answers, and errors thrown at the call that
 * caused them (a failed action as {@link ActionFailedException}, a cancelled run as
 * {@link java.util.concurrent.CancellationException}; a checked error from {@link Program#fail} is
 * wrapped in {@link FlowFailedException}).
 *
 * <p>Confined to the body's own thread: do not pass it to other threads.
 */
public interface Flow {

    /** Performs {@code action} through the executor and returns its answer. */
    <R> R perform(Action<R> action);

    /** Runs a whole sub-program (monadic, parallel, or direct) and returns its value. */
    <A> A run(Program<A> program);

    /** Runs the programs as one parallel block and returns their values in input order. */
    default <A> List<A> parallel(Iterable<? extends Program<A>> programs) {
        return run(Program.parallel(programs));
    }

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
