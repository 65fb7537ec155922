package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.UnhandledActionException;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * When and how {@link Combinators#retried} retries a failed action: an immutable value.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.DEFAULT
 *     .withMaxAttempts(5)
 *     .withBackoff(Backoff.exponential(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10)))
 *     .retryingOn(IOException.class)
 *     .forActions(Fetch.class);
 * }</pre>
 *
 * <p><b>Jitter and seeds.</b> Each delay is the backoff's delay {@code d} times a factor drawn
 * uniformly from {@code [1 - jitter, 1]}, so it lies in {@code [d * (1 - jitter), d]}. Unseeded
 * (the default), the draws come from {@link java.util.concurrent.ThreadLocalRandom}, so two runs wait
 * differently, as retries of many clients should. {@link #withJitterSeed(long)} makes them
 * repeatable for tests: the delays before the retries of one action are then drawn from a generator
 * seeded with the seed and the action's class and {@code toString()}, so they depend on nothing
 * else: not on the run, not on which executor or thread retries, not on the order parallel branches
 * fail in. The same flow under the same seed waits the same delays, and a virtual-time trace is
 * the same from run to run (equal actions wait equal delays).
 *
 * @param maxAttempts how many times an action is tried in all, at least 1 (1 means no retry)
 * @param backoff     the delay before each retry, before jitter
 * @param jitter      0 to 1: each delay is drawn uniformly from {@code [d * (1 - jitter), d]}
 * @param retryOn     which errors are worth another attempt
 * @param appliesTo   which actions are retried at all; others fail at their first error
 * @param jitterSeed  where jitter is drawn from: a seed for repeatable delays, or none for a fresh random draw
 */
public record RetryPolicy(
        int maxAttempts,
        Backoff backoff,
        double jitter,
        Predicate<Throwable> retryOn,
        Predicate<Action<?>> appliesTo,
        Option<Long> jitterSeed) {

    /**
     * 3 attempts, exponential backoff from 100 ms doubling up to 10 s, 20% jitter, any action, any
     * {@link Exception} except interruption, cancellation and an unhandled action.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            3,
            Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10)),
            0.2,
            RetryPolicy::isRetryableByDefault,
            action -> true,
            Option.none());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(jitterSeed, "jitterSeed");
        jitterSeed.forEach(seed -> Objects.requireNonNull(seed, "jitterSeed"));
    }

    /** A policy whose jitter is drawn at random (no seed). */
    public RetryPolicy(int maxAttempts, Backoff backoff, double jitter, Predicate<Throwable> retryOn, Predicate<Action<?>> appliesTo) {
        this(maxAttempts, backoff, jitter, retryOn, appliesTo, Option.none());
    }

    /** This policy trying each action at most {@code maxAttempts} times in all. */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, jitterSeed);
    }

    /** This policy waiting as {@code backoff} says. */
    public RetryPolicy withBackoff(Backoff backoff) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, jitterSeed);
    }

    /** This policy with {@code jitter} (0 for exact delays). */
    public RetryPolicy withJitter(double jitter) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, jitterSeed);
    }

    /**
     * This policy drawing its jitter from {@code seed}: the same seed gives the same delays before
     * the retries of the same action, in every run (see the class comment). For tests in virtual time.
     */
    public RetryPolicy withJitterSeed(long seed) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, Option.some(seed));
    }

    /** This policy drawing its jitter at random, without a seed (the default). */
    public RetryPolicy withRandomJitter() {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, Option.none());
    }

    /** This policy retrying only errors that {@code retryOn} accepts. */
    public RetryPolicy retryingOn(Predicate<Throwable> retryOn) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, jitterSeed);
    }

    /** This policy retrying only errors that are instances of one of {@code errorTypes}. */
    @SafeVarargs
    public final RetryPolicy retryingOn(Class<? extends Throwable>... errorTypes) {
        List<Class<? extends Throwable>> types = List.of(errorTypes);
        types.forEach(type -> Objects.requireNonNull(type, "error type"));
        return retryingOn(error -> types.exists(type -> type.isInstance(error)));
    }

    /** This policy retrying only actions that {@code appliesTo} accepts. */
    public RetryPolicy forActions(Predicate<Action<?>> appliesTo) {
        return new RetryPolicy(maxAttempts, backoff, jitter, retryOn, appliesTo, jitterSeed);
    }

    /**
     * This policy retrying only actions that are instances of one of {@code actionTypes}: records,
     * or whole families such as {@code Cmd.class} for a generic {@code Cmd<R> extends Action<R>}
     * (hence the type parameter: such a literal is not a {@code Class<? extends Action<?>>}).
     */
    @SafeVarargs
    public final <F extends Action<?>> RetryPolicy forActions(Class<? extends F>... actionTypes) {
        List<Class<? extends F>> types = List.of(actionTypes);
        types.forEach(type -> Objects.requireNonNull(type, "action type"));
        return forActions(action -> types.exists(type -> type.isInstance(action)));
    }

    /** Whether {@code attempt} (counting from 1) of {@code action}, which failed with {@code error}, is followed by another. */
    public boolean shouldRetry(Action<?> action, int attempt, Throwable error) {
        return attempt < maxAttempts
                && !(error instanceof InterruptedException)
                && !(error instanceof CancellationException)
                && appliesTo.test(action)
                && retryOn.test(error);
    }

    /**
     * Where the jitter of {@code action}'s retries is drawn from, one draw per retry: a generator
     * seeded from {@link #jitterSeed()} and the action, or the current thread's random generator.
     */
    public RandomGenerator jitterSource(Action<?> action) {
        Objects.requireNonNull(action, "action");
        if (jitterSeed.isEmpty()) {
            return ThreadLocalRandom.current();
        }
        // String hashes are the same in every JVM, identity hashes are not: mix the action in by its text
        long actionHash = (action.getClass().getName() + ":" + action).hashCode();
        return new SplittableRandom(jitterSeed.get() * 0x9E3779B97F4A7C15L + actionHash);
    }

    /** The delay before retry number {@code retry} (from 1), jittered with {@code random}. */
    public Duration delayBefore(int retry, RandomGenerator random) {
        Duration base = backoff.delayBefore(retry);
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        double factor = 1 - jitter * random.nextDouble();
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    private static boolean isRetryableByDefault(Throwable error) {
        return error instanceof Exception && !(error instanceof UnhandledActionException);
    }
}
