package dev.pureflow;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A run in progress, from {@link Runner#start}: await its value, cancel it, or observe its end.
 *
 * <p>{@link #cancel()} interrupts in-flight actions, cancels parallel branches and runs finalizers;
 * the handle completes only after all of that, reporting {@link CancellationException}.
 * Thread-safe.
 *
 * @param <A> the type of the value the run yields
 */
public final class RunHandle<A> {

    private final CompletableFuture<A> result;
    private final Fiber root;

    RunHandle(CompletableFuture<A> result, Fiber root) {
        this.result = result;
        this.root = root;
    }

    /**
     * Waits for the run and returns its value, throwing what {@link Runner#run} throws. If the
     * waiting thread is interrupted, the run is cancelled and awaited first.
     */
    public A await() {
        try {
            result.get();
        } catch (InterruptedException interrupted) {
            throw cancelBecauseInterrupted();
        } catch (ExecutionException | CancellationException ended) {
            // ended with an error: read below as the flow left it
        }
        return valueOrThrow(endedOutcome());
    }

    /**
     * Waits at most {@code timeout} (real time) for the run. The run goes on if the wait times out.
     *
     * @throws TimeoutException if the run has not ended within {@code timeout}
     */
    public A await(Duration timeout) throws TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        try {
            result.get(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while awaiting the run; the run goes on");
        } catch (ExecutionException | CancellationException ended) {
            // ended with an error: read below as the flow left it
        }
        return valueOrThrow(endedOutcome());
    }

    /** {@code timeout} in nanoseconds; longer than about 292 years counts as forever rather than overflowing. */
    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return timeout.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private CancellationException cancelBecauseInterrupted() {
        cancel();
        result.exceptionally(ignored -> null).join();
        Thread.currentThread().interrupt();
        return new CancellationException("interrupted while awaiting the run; the run was cancelled");
    }

    /** Asks the run to stop; returns at once. Does nothing if the run has ended. */
    public void cancel() {
        root.cancel(new CancellationException("the run was cancelled"));
    }

    /** Whether the run has ended. */
    public boolean isDone() {
        return result.isDone();
    }

    /** Whether the run has ended by cancellation (or by its deadline). */
    public boolean isCancelled() {
        return outcome().map(tried -> tried.isFailure() && tried.getCause() instanceof CancellationException).getOrElse(false);
    }

    /** The run's outcome, once it has ended. */
    public Option<Try<A>> outcome() {
        if (!result.isDone()) {
            return Option.none();
        }
        return Option.some(endedOutcome());
    }

    /**
     * The outcome of the ended run with the very error the flow failed with. Not through
     * {@code get} or {@code join}: on recent JDKs (25 does, 17 did not) they throw a new
     * {@link CancellationException} in place of a stored one (a cancelled run, a
     * {@link FlowTimeoutException}), losing its type and the finalizer errors suppressed in it.
     */
    private Try<A> endedOutcome() {
        return result.handle((value, error) -> error == null ? Try.success(value) : Try.<A>failure(unwrap(error))).join();
    }

    private static <A> A valueOrThrow(Try<A> outcome) {
        if (outcome.isSuccess()) {
            return outcome.get();
        }
        throw rethrow(outcome.getCause());
    }

    /** Calls {@code callback} with the outcome when the run ends (at once if it has). */
    public RunHandle<A> onComplete(Consumer<? super Try<A>> callback) {
        Objects.requireNonNull(callback, "callback");
        result.whenComplete((value, error) -> callback.accept(error == null ? Try.success(value) : Try.failure(unwrap(error))));
        return this;
    }

    /** The run as a stage, for code that composes futures; cancelling the stage does not cancel the run. */
    public CompletionStage<A> toCompletionStage() {
        return result.minimalCompletionStage();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return FlowFailedException.unchecked(error);
    }
}
