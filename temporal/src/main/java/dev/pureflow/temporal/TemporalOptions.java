package dev.pureflow.temporal;

import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How a flow's actions run as Temporal activities: an immutable value.
 *
 * <pre>{@code
 * TemporalOptions options = TemporalOptions.DEFAULT
 *     .withActionTimeout(Duration.ofMinutes(5))
 *     .withRetries(RetryPolicy.DEFAULT.withMaxAttempts(4));
 * }</pre>
 *
 * <p><b>Retries, never twice.</b> With {@link #withRetries} the policy becomes the activities'
 * {@link RetryOptions}: Temporal makes at most {@code maxAttempts} attempts, waiting as the policy's
 * backoff says (Temporal does not jitter), and an error the policy does not retry (its
 * {@code retryOn}, its {@code appliesTo}) fails the activity as non-retryable. Without it (the
 * default) each activity gets exactly one attempt, so a {@code retried} combinator on the worker's
 * executor is the only thing that retries. Do not use both.
 *
 * @param actionTimeout    the longest one attempt of an action may run (Temporal's start-to-close timeout)
 * @param heartbeatTimeout how long an activity may go without a heartbeat; activities heartbeat
 *                         while the executor works, which is how they learn of a cancel
 * @param retries          the policy Temporal retries activities with, or none for one attempt each
 * @param actionTaskQueue  the task queue actions are sent to, or none for the workflow's own: a pool
 *                         of action workers (say, the hosts that may run processes) apart from the
 *                         workers that walk flows
 */
public record TemporalOptions(Duration actionTimeout, Duration heartbeatTimeout, Option<RetryPolicy> retries, Option<String> actionTaskQueue) {

    /** Actions may run 10 minutes, heartbeat every few seconds (timeout 10 s), one attempt each, on the flow's own task queue. */
    public static final TemporalOptions DEFAULT = new TemporalOptions(Duration.ofMinutes(10), Duration.ofSeconds(10), Option.none(), Option.none());

    public TemporalOptions {
        requirePositive(actionTimeout, "actionTimeout");
        requirePositive(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(retries, "retries");
        retries.forEach(policy -> Objects.requireNonNull(policy, "retries"));
        Objects.requireNonNull(actionTaskQueue, "actionTaskQueue");
        actionTaskQueue.forEach(queue -> Objects.requireNonNull(queue, "actionTaskQueue"));
    }

    /** These options with one attempt of an action limited to {@code timeout}. */
    public TemporalOptions withActionTimeout(Duration timeout) {
        return new TemporalOptions(timeout, heartbeatTimeout, retries, actionTaskQueue);
    }

    /** These options with activities heartbeating within {@code timeout}. */
    public TemporalOptions withHeartbeatTimeout(Duration timeout) {
        return new TemporalOptions(actionTimeout, timeout, retries, actionTaskQueue);
    }

    /** These options with Temporal retrying activities as {@code policy} says. */
    public TemporalOptions withRetries(RetryPolicy policy) {
        return new TemporalOptions(actionTimeout, heartbeatTimeout, Option.some(Objects.requireNonNull(policy, "policy")), actionTaskQueue);
    }

    /** These options with one attempt per activity (the default). */
    public TemporalOptions withoutRetries() {
        return new TemporalOptions(actionTimeout, heartbeatTimeout, Option.none(), actionTaskQueue);
    }

    /**
     * These options sending actions to the workers of {@code taskQueue}; register the flows there
     * with {@link TemporalFlows#registerActionsOn} (and the walk with {@link TemporalFlows#registerFlowsOn}).
     */
    public TemporalOptions withActionTaskQueue(String taskQueue) {
        return new TemporalOptions(actionTimeout, heartbeatTimeout, retries, Option.some(Objects.requireNonNull(taskQueue, "taskQueue")));
    }

    /** The options of every activity of a flow. */
    ActivityOptions activityOptions() {
        ActivityOptions.Builder builder = ActivityOptions.newBuilder();
        actionTaskQueue.forEach(builder::setTaskQueue);
        return builder
                .setStartToCloseTimeout(actionTimeout)
                .setHeartbeatTimeout(heartbeatTimeout)
                // a cancelled flow waits until the activity has stopped (its process killed) before releases run
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retryOptions())
                .build();
    }

    /** The policy as Temporal's retry options; one attempt when there is none. */
    RetryOptions retryOptions() {
        if (retries.isEmpty()) {
            return RetryOptions.newBuilder().setMaximumAttempts(1).build();
        }
        RetryPolicy policy = retries.get();
        RetryOptions.Builder builder = RetryOptions.newBuilder().setMaximumAttempts(policy.maxAttempts());
        return switch (policy.backoff()) {
            case Backoff.Fixed fixed -> builder
                    .setInitialInterval(atLeastOneMilli(fixed.delay()))
                    .setBackoffCoefficient(1.0)
                    .setMaximumInterval(atLeastOneMilli(fixed.delay()))
                    .build();
            case Backoff.Exponential exponential -> builder
                    .setInitialInterval(atLeastOneMilli(exponential.initial()))
                    .setBackoffCoefficient(exponential.multiplier())
                    .setMaximumInterval(atLeastOneMilli(exponential.cap()))
                    .build();
        };
    }

    /** Temporal needs a positive interval; "at once" becomes one millisecond. */
    private static Duration atLeastOneMilli(Duration delay) {
        return delay.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : delay;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
