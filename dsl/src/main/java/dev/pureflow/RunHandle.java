package dev.pureflow;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A run in progress, from {@link Runner#start}: await its value, cancel it, observe its end, send
 * it messages and read the values it publishes.
 *
 * <p>{@link #cancel()} interrupts in-flight actions, cancels parallel branches and runs finalizers;
 * the handle completes only after all of that, reporting {@link CancellationException}.
 *
 * <p>Messages and published values are the run's own two maps, which its
 * {@link BuiltIn built-in actions} read and write: {@link #send} puts a message the flow reads with
 * {@link Program#readMessage} or waits for with {@link Program#awaitMessage} (sending again under
 * a key replaces the value); {@link #published()} reads what the flow published with
 * {@link Program#publish}. Once the run has ended, {@code send} is refused and both maps are final.
 * Thread-safe.
 *
 * @param <A> the type of the value the run yields
 */
public final class RunHandle<A> {

    // always completes normally: a CompletableFuture completed with a CancellationException would
    // hide the run's own exception (a FlowTimeoutException, say) behind a new one of its own
    private final CompletableFuture<Try<A>> outcome = new CompletableFuture<>();
    private final Fiber root;
    // not the future's own dependents, which any thread that touches the future may end up running
    private final ReentrantLock callbacksLock = new ReentrantLock();
    private final List<Consumer<? super Try<A>>> callbacks = new ArrayList<>();
    private Try<A> ended;

    RunHandle(Fiber root) {
        this.root = root;
    }

    /** Ends the run with {@code tried}: wakes those awaiting it, then calls back, on this thread. */
    void complete(Try<A> tried) {
        List<Consumer<? super Try<A>>> registered;
        callbacksLock.lock();
        try {
            ended = tried;
            registered = List.copyOf(callbacks);
            callbacks.clear();
        } finally {
            callbacksLock.unlock();
        }
        outcome.complete(tried);
        registered.forEach(callback -> callBack(callback, tried));
    }

    /**
     * Waits for the run and returns its value, throwing what {@link Runner#run} throws (a fatal
     * error as it is, not in its {@link FatalErrorException}). If the waiting thread is interrupted,
     * the run is cancelled and awaited first.
     */
    public A await() {
        return valueOf(awaitOutcome());
    }

    /**
     * Waits for the run and returns its outcome as a value (a fatal error, which vavr's {@code Try}
     * will not hold, in a {@link FatalErrorException}). If the waiting thread is interrupted, the
     * run is cancelled and awaited first, and {@link CancellationException} is thrown.
     */
    public Try<A> awaitOutcome() {
        try {
            return outcome.get();
        } catch (InterruptedException interrupted) {
            cancel();
            outcome.join();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while awaiting the run; the run was cancelled");
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
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
            // convert saturates: a timeout beyond ~292 years counts as forever rather than overflowing
            return valueOf(outcome.get(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while awaiting the run; the run goes on");
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Asks the run to stop; returns at once. Does nothing if the run has ended. */
    public void cancel() {
        root.cancel(new CancellationException("the run was cancelled"));
    }

    /**
     * Sends {@code value} into the run under {@code key}, replacing what was sent there before and
     * waking the steps waiting for it ({@link BuiltIn.AwaitMessage}). Any thread may call it.
     *
     * The runner's {@link RunOptions#messageGate} sees the message first (a durable runner journals
     * it there) and may refuse it by throwing, which this then throws, nothing changed.
     *
     * @return true if the run took it; false if the run has ended, and then nothing changes
     */
    public boolean send(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return root.context().mailbox.send(key, value);
    }

    /**
     * The value the run published last under {@code key}, if any.
     *
     * @throws MessageTypeException if the value there is not a {@code type}
     */
    public <T> Option<T> published(String key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return root.context().mailbox.published(key, type);
    }

    /**
     * Everything the run has published, key to latest value: a snapshot that does not change when
     * the run goes on publishing. Once the run has ended, it is the final one.
     */
    public io.vavr.collection.Map<String, Object> published() {
        return root.context().mailbox.published();
    }

    /** The messages sent into the run, key to latest value: a snapshot, as {@link #published()} is. */
    public io.vavr.collection.Map<String, Object> messages() {
        return root.context().mailbox.messages();
    }

    /** Whether the run has ended. */
    public boolean isDone() {
        return outcome.isDone();
    }

    /** Whether the run has ended by cancellation (or by its deadline). */
    public boolean isCancelled() {
        return outcome().exists(tried -> tried.isFailure() && tried.getCause() instanceof CancellationException);
    }

    /** The run's outcome, once it has ended. */
    public Option<Try<A>> outcome() {
        return outcome.isDone() ? Option.some(outcome.join()) : Option.none();
    }

    /**
     * Calls {@code callback} once with the outcome when the run ends, and returns this handle.
     *
     * <p>Where it runs: on the run's thread, as its last act, after the outcome is available to
     * {@link #await()} and {@link #outcome()}, if the run is still going when this is called; at
     * once on the calling thread, before this method returns, if the run has ended. Callbacks
     * registered while the run goes on run one after another in the order they were registered; a
     * slow callback delays the ones after it.
     *
     * <p>If the callback throws, the run's outcome does not change, the other callbacks still run,
     * and this method does not throw: the exception goes to the uncaught-exception handler of the
     * thread the callback ran on ({@link Thread#getUncaughtExceptionHandler()}; by default, and for
     * the run's thread, it is printed to {@code System.err} with the thread's name), so it is never
     * lost silently.
     */
    public RunHandle<A> onComplete(Consumer<? super Try<A>> callback) {
        Objects.requireNonNull(callback, "callback");
        Try<A> outcomeSoFar;
        callbacksLock.lock();
        try {
            outcomeSoFar = ended;
            if (outcomeSoFar == null) {
                callbacks.add(callback);
            }
        } finally {
            callbacksLock.unlock();
        }
        if (outcomeSoFar != null) {
            callBack(callback, outcomeSoFar);
        }
        return this;
    }

    private static <A> void callBack(Consumer<? super Try<A>> callback, Try<A> tried) {
        try {
            callback.accept(tried);
        } catch (Throwable thrown) {
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, thrown);
        }
    }

    /** The run as a stage, for code that composes futures; cancelling the stage does not cancel the run. */
    public CompletionStage<A> toCompletionStage() {
        return outcome.thenCompose(tried -> tried.isSuccess()
                ? CompletableFuture.completedStage(tried.get())
                : CompletableFuture.failedStage(FatalErrorException.unwrapped(tried.getCause())));
    }

    private static <A> A valueOf(Try<A> tried) {
        if (tried.isSuccess()) {
            return tried.get();
        }
        Throwable error = FatalErrorException.unwrapped(tried.getCause());
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw FlowFailedException.unchecked(error);
    }
}
