package dev.pureflow.frame;

import dev.pureflow.Program;

/**
 * The one exception handler of a {@link LifecycleFrame}: given the error of a hook (a
 * {@link HookFailedException} naming it) or of the routine (its own error, unwrapped), it says
 * whether the error is consumed.
 *
 * <p>Consumed ({@code true}): the frame goes on with the next step as if nothing failed (a
 * consumed routine error leaves the error, and no value, as the routine's result). Not consumed
 * ({@code false}): the rest of the loop is skipped, {@code on_close} and {@code on_terminated}
 * still run, and the run fails with the original error. If the handler itself fails, the error is
 * not consumed and the handler's failure is added to it as suppressed; the handler never sees its
 * own error. Cancellation of the run never reaches the handler.
 *
 * @param <R> the type of the routine's value
 */
@FunctionalInterface
public interface ErrorHandler<R> {

    /** The handler that consumes nothing: every error ends the frame. */
    static <R> ErrorHandler<R> consumeNothing() {
        return (context, error) -> Program.pure(false);
    }

    /** A program that yields whether {@code error} is consumed; it may perform actions (log, notify). */
    Program<Boolean> handle(EventContext<R> context, Throwable error);
}
