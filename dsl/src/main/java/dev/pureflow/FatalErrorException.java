package dev.pureflow;

import io.vavr.control.Try;
import java.util.Objects;

/**
 * Holds, as its cause, an error that vavr's {@link Try} refuses to hold, wherever pureflow hands out
 * a {@code Try}: the outcome of a run ({@link RunHandle#awaitOutcome()}, {@link Runner#attempt},
 * {@link RunHandle#onComplete}), {@link Program#attempt()} and a listener's step outcome.
 *
 * <p>vavr calls {@link VirtualMachineError} ({@link StackOverflowError}, {@link OutOfMemoryError}),
 * {@link LinkageError}, {@code ThreadDeath} and {@link InterruptedException} fatal: making a
 * {@code Try.failure} of one throws it instead. A run that failed with one would then never complete
 * its handle (a caller awaiting it would wait forever), so pureflow makes such failures with
 * {@link #failure} instead. {@link Runner#run} and {@link RunHandle#await()} do not show this
 * wrapper: they throw the error itself (an {@code InterruptedException}, being checked, in a
 * {@link FlowFailedException}). Immutable once thrown, as exceptions are.
 */
public final class FatalErrorException extends RuntimeException {

    private FatalErrorException(Throwable fatal) {
        super("the flow failed with " + fatal, fatal);
    }

    /**
     * {@code Try.failure(error)}; or, if vavr refuses to hold {@code error} (it is fatal to vavr), a
     * failure holding it in a {@code FatalErrorException}. Never throws {@code error}.
     */
    public static <T> Try<T> failure(Throwable error) {
        Objects.requireNonNull(error, "error");
        try {
            return Try.failure(error);
        } catch (Throwable refused) { // vavr rethrows what it calls fatal rather than hold it
            return Try.failure(new FatalErrorException(error));
        }
    }

    /** The error {@code failure} carries if it is a {@code FatalErrorException}, else {@code failure} itself. */
    public static Throwable unwrapped(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        return failure instanceof FatalErrorException carrier ? carrier.getCause() : failure;
    }
}
