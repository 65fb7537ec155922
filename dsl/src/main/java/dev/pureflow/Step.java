package dev.pureflow;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One performed action as a listener, or the code carrying it out, sees it.
 *
 * @param number    the step's number in its run, counting from 1 in the order steps started: an
 *                  order of arrival, which varies between runs inside concurrent parallel blocks
 * @param key       which step of the flow it is, independent of scheduling and parallelism
 *                  ({@code main/2/0#3}; see {@link StepKey})
 * @param action    the action performed
 * @param startedAt when it started, by the run's clock
 */
public record Step(long number, StepKey key, Action<?> action, Instant startedAt) {

    public Step {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Where in the flow it ran: {@code main}, or {@code main/2/0} inside parallel blocks; the key's path. */
    public String branch() {
        return key.path();
    }

    /**
     * The step whose action the calling thread is carrying out now, if any: set by the in-process
     * runner from just before its listener's {@code started} until just after its {@code finished},
     * on the thread that calls the executor, so an executor (or a combinator around it) can read
     * the step's key, to make an idempotency key for instance. Threads started while the step runs
     * (the {@code timeout} combinator's, which carries the action out) see it too. Empty anywhere
     * else: between steps, in a direct-style body between its calls, on threads of no run.
     *
     * <p>{@link #startedAt()} is exact when the run has a listener (the listener is handed the same
     * {@code Step}); without one, the runner does not read the clock for every step, and the step
     * this method makes carries the time of the first call during the step.
     */
    public static Option<Step> current() {
        return CurrentStep.step();
    }
}
