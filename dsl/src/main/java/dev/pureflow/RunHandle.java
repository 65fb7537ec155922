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
            return result.get();
        } catch (InterruptedException interrupted) {
            cancel();
            result.exceptionally(ignored -> null).join();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while awaiting the run; the run was cancelled");
        } catch (ExecutionException failed) {
            throw rethrow(failed.getCause());
        } catch (CancellationException cancelled) {
            throw original(cancelled);
        }
    }

    /**
     * Waits at most {@code timeout} (real time) for the run. The run goes on if the wait times out.
     *
     * @throws TimeoutException if the run has not ended within {@code timeout}
     */
    public A await(Duration timeout) throws TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while awaiting the run; the run goes on");
        } catch (ExecutionException failed) {
            throw rethrow(failed.getCause());
        } catch (CancellationException cancelled) {
            throw original(cancelled);
        }
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
        return Option.some(Try.of(result::join)
                .recoverWith(CompletionException.class, wrapped -> Try.failure(wrapped.getCause()))
                .recoverWith(CancellationException.class, cancelled -> Try.failure(original(cancelled))));
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

    /**
     * The cancellation the run ended with. Recent JDKs (25, at least) make
     * {@code CompletableFuture.get} and {@code join} throw a new {@code CancellationException("get")}
     * with the one the future was completed with as its cause, which would hide a
     * {@link FlowTimeoutException} and the reason for the cancellation.
     */
    private static CancellationException original(CancellationException thrown) {
        return thrown.getCause() instanceof CancellationException cause ? cause : thrown;
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
