package dev.pureflow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Where the runner and the combinators get time from: the only place pureflow reads the time,
 * sleeps, or starts a thread that takes part in a run.
 *
 * <p>{@link #system()} is the real clock. A virtual clock (in the interpreters module) makes
 * sleeps, timeouts and retry delays pass instantly while keeping their order and their measured
 * durations, so tests of time-dependent flows are fast and deterministic. To let a virtual clock
 * know when every thread of a run is waiting, the runner starts its threads with
 * {@link #startThread} and waits for other threads only through {@link #await}; it joins a thread
 * only after such an await has seen the thread's task finish, so the join waits for nothing but
 * the thread's exit (and whatever the clock's own {@code startThread} does after the task).
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /** The current time, for reports and logs. */
    Instant instant();

    /** A monotonic reading in nanoseconds, for measuring durations between two readings. */
    long nanoTime();

    /**
     * The instant at which {@link #nanoTime()} returned {@code nanoTime}, a reading taken just now:
     * what lets the runner time a listened step and stamp its start from one reading. By default
     * {@link #instant()}, read again; a clock that can tell the instant from the reading overrides
     * it to save that second reading of the time (the system clock, within a millisecond of
     * {@code instant()}; a virtual clock, exactly).
     */
    default Instant instantAt(long nanoTime) {
        return instant();
    }

    /** Waits {@code duration} of this clock's time. */
    void sleep(Duration duration) throws InterruptedException;

    /** Waits until {@code stage} completes (normally, exceptionally or by cancellation). */
    void await(CompletionStage<?> stage) throws InterruptedException;

    /**
     * Waits until {@code stage} completes or {@code timeout} of this clock's time passes.
     *
     * @return whether the stage completed in time
     */
    boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException;

    /** Starts {@code task} on a new virtual thread that takes part in this clock's time. */
    Thread startThread(String name, Runnable task);

    /** The real clock: wall time, {@link System#nanoTime()}, real sleeps, plain virtual threads. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
