package dev.pureflow.observability;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.combinators.Combinators;
import dev.pureflow.combinators.RetryPolicy;
import java.util.Objects;

/**
 * Told about the attempts of {@link Combinators#retried}: how metrics count retries and how traces
 * show them, without a hook in the retry loop itself. {@link #retried} puts a counting executor just
 * inside the retry loop (it sees each attempt) and one just outside (it sees the call end).
 *
 * <p>Called on the thread that performs the action, possibly from several at once: implementations
 * must be thread-safe. An observer that throws fails the attempt (inside) or the action (outside).
 */
public interface RetryObserver {

    /** Attempt {@code attempt} (from 1) of {@code action} failed with {@code error}; the policy decides next whether to retry. */
    default void attemptFailed(Action<?> action, int attempt, Exception error) {}

    /** {@code action} ended after {@code attempts} attempts, the last of which succeeded or not. */
    void finished(Action<?> action, int attempts, boolean succeeded);

    /**
     * {@link Combinators#retried(RetryPolicy, Clock)} with {@code observer} told of every failed
     * attempt and of each action's end. Compose it where {@code retried} would go.
     */
    static Combinator retried(RetryPolicy policy, Clock clock, RetryObserver observer) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(observer, "observer");
        Combinator retry = Combinators.retried(policy, clock);
        return next -> new ObservedCall(retry.apply(new ObservedAttempt(next, observer)), observer);
    }
}
