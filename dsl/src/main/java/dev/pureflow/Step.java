package dev.pureflow;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One performed action as a listener, or the code carrying it out, sees it.
 *
 * @param number    the step's number in its run, counting from 1 in the order steps started: an
 *                  order of arrival, which varies between runs inside concurrent parallel blocks
 * @param key       which step of the flow it is, independent of scheduling and parallelism
 *                  ({@code main/2/0#3}; see {@link StepKey})
 * @param action    the action performed
 * @param startedAt when it started, by the run's clock
 * @param attempt   which attempt at the step this is, counting from 1: always 1 in-process (a
 *                  {@code retried} combinator retries inside the one step), the activity's attempt
 *                  where an interpreter retries the step itself (Temporal with a retry policy)
 */
public record Step(long number, StepKey key, Action<?> action, Instant startedAt, int attempt) {

    public Step {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("a step's attempt counts from 1, was " + attempt);
        }
    }

    /** The first attempt at a step: what the in-process runner makes. */
    public Step(long number, StepKey key, Action<?> action, Instant startedAt) {
        this(number, key, action, startedAt, 1);
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
     * <p>{@link #startedAt()} is exact when the run has a listener (a {@link StepListener} is handed
     * the same {@code Step}; for a {@link StepTimingListener}, which is handed none, the step made
     * here is stamped from the clock reading its duration starts from); without one, the runner
     * does not read the clock for every step, and the step this method makes carries the time of
     * the first call during the step.
     */
    public static Option<Step> current() {
        return CurrentStep.step();
    }

    /**
     * Calls {@code body} on the calling thread with {@code step} as its {@link #current()} step, and
     * puts back what was current before when it returns or throws: for interpreters other than the
     * in-process runner (which sets the same thing around its executor's calls), so that an executor
     * or tracing code reads the step wherever it runs. The Temporal activity that carries out a step
     * on a worker calls its executor this way. Threads {@code body} starts see the step too, as with
     * the runner. A step set this way belongs to no in-process run: {@link BuiltIn#runnerAnswers()}
     * answers nothing in it.
     *
     * <pre>{@code
     * String answer = Step.runAs(step, () -> (String) executor.execute(step.action()));
     * }</pre>
     *
     * @return what {@code body} returned
     * @throws Exception what {@code body} threw
     */
    public static <T> T runAs(Step step, Callable<T> body) throws Exception {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(body, "body");
        return CurrentStep.runAs(step, body);
    }
}
