package dev.pureflow;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;

/**
 * A {@link StepListener} that needs of each step only its action, whether and how it failed, and
 * how long it took, as metrics do. Told through {@link #stepStarted} and {@link #stepFinished},
 * the in-process runner makes no {@link Step} for it: the step's number, key and instant are made
 * only if someone asks {@link Step#current()} (which stays right, stamped from the same clock
 * reading the duration starts from); the duration is handed over as nanoseconds and a success as
 * {@code Option.none()}. That saves a {@code Step}, its {@code StepKey}, its {@code Instant} and
 * the outcome's {@code Try} per step (104 bytes, and the instant's arithmetic).
 *
 * <pre>{@code
 * StepTimingListener slowSteps = new StepTimingListener() {
 *     public void stepStarted(Action<?> action) {}
 *     public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {
 *         if (nanos > 1_000_000_000L) log.warn("slow: {}", action.getClass().getSimpleName());
 *     }
 * };
 * runner.with(options -> options.listener(slowSteps));
 * }</pre>
 *
 * <p>Otherwise the contract of {@link StepListener}, unchanged: called on the thread that performs
 * the step, right around the executor's call, with {@link Step#current()} set throughout; from
 * several threads at once inside parallel blocks, so implementations must be thread-safe; a
 * listener that throws fails the step it was told about. Where a {@code Step} is made anyway (other
 * interpreters, such as the Temporal worker, and a listener composed with
 * {@link StepListener#andThen}), the {@code Step} methods below pass the step's action on, so a
 * timing listener sees the same calls whoever runs the flow.
 */
public interface StepTimingListener extends StepListener {

    /** {@code action} is about to be handed to the executor. */
    void stepStarted(Action<?> action);

    /**
     * The step of {@code action} ended after {@code nanos} nanoseconds on the run's clock, from its
     * start to the executor's answer or exception, the {@link #stepStarted} calls included:
     * answered if {@code failure} is empty, else failed with it, shown as
     * {@link StepListener#finished} shows it (an interrupted step as the run's cancellation).
     */
    void stepFinished(Action<?> action, Option<Throwable> failure, long nanos);

    /** Tells {@link #stepStarted} of the step's action. */
    @Override
    default void started(Step step) {
        stepStarted(step.action());
    }

    /** Tells {@link #stepFinished} of the step's action, its failure if any and its duration in nanoseconds. */
    @Override
    default void finished(Step step, Try<Object> outcome, Duration duration) {
        stepFinished(step.action(), outcome.isFailure() ? Option.some(outcome.getCause()) : Option.none(), duration.toNanos());
    }
}
