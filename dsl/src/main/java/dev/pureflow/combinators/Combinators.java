package dev.pureflow.combinators;

import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Redaction;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The standard combinators: each wraps an executor and adds one behaviour around every action.
 * They compose in any order; the one applied last is outermost and sees each action first.
 *
 * <pre>{@code
 * Executor executor = base
 *     .with(timeout(Duration.ofSeconds(30)))          // innermost: each attempt gets 30 s
 *     .with(retried(RetryPolicy.DEFAULT))             // retries attempts that failed or timed out
 *     .with(timed(timing -> metrics.record(timing.action(), timing.duration())))
 *     .with(logged())                                 // outermost: one line per action
 *     .with(parallelize(4));                          // parallel blocks run 4 branches at once
 * }</pre>
 *
 * <p>Every combinator that reads time takes a {@link Clock}; pass the run's clock (a virtual one in
 * tests) or omit it for {@link Clock#system()}.
 */
public final class Combinators {

    private Combinators() {}

    /**
     * Lets parallel blocks run up to {@code maxConcurrency} branches at once (by default they run
     * one after another). Results keep input order.
     */
    public static Combinator parallelize(int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        return next -> new Parallelized(next, maxConcurrency);
    }

    /**
     * Logs each action's start, success and failure, with its duration, to {@code dev.pureflow.actions},
     * showing actions with {@link Redaction#DEFAULT}.
     */
    public static Combinator logged() {
        return logged(UnaryOperator.identity());
    }

    /**
     * Logs each action as {@link #logged()} does, with options (logger, {@link Redaction}, clock):
     * {@code logged(options -> options.logger(log).redacting("password"))}.
     */
    public static Combinator logged(UnaryOperator<LogOptions> configure) {
        Objects.requireNonNull(configure, "configure");
        LogOptions options = Objects.requireNonNull(configure.apply(LogOptions.DEFAULT), "configure returned null");
        return next -> new Logged(next, options);
    }

    /** Retries failed actions as {@code policy} says, waiting on the system clock. */
    public static Combinator retried(RetryPolicy policy) {
        return retried(policy, Clock.system());
    }

    /** Retries failed actions as {@code policy} says, waiting on {@code clock}. */
    public static Combinator retried(RetryPolicy policy, Clock clock) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        return next -> new Retried(next, policy, clock);
    }

    /** Measures each action's duration on the system clock and hands it to {@code sink}. */
    public static Combinator timed(TimingSink sink) {
        return timed(sink, Clock.system());
    }

    /** Measures each action's duration on {@code clock} and hands it to {@code sink}. */
    public static Combinator timed(TimingSink sink, Clock clock) {
        return timed(sink, clock, Redaction.DEFAULT);
    }

    /**
     * Measures each action's duration on {@code clock} and hands it to {@code sink}, each
     * {@link Timing} showing its action with {@code redaction}.
     */
    public static Combinator timed(TimingSink sink, Clock clock, Redaction redaction) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(redaction, "redaction");
        return next -> new Timed(next, sink, clock, redaction);
    }

    /**
     * Gives each action {@code limit} of system-clock time: when it passes, the in-flight work is
     * interrupted, and the action fails with {@link ActionTimeoutException}.
     */
    public static Combinator timeout(Duration limit) {
        return timeout(limit, Clock.system());
    }

    /** As {@link #timeout(Duration)}, measured on {@code clock}. */
    public static Combinator timeout(Duration limit, Clock clock) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(clock, "clock");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return next -> new Deadline(next, limit, clock);
    }
}
