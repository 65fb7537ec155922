package dev.pureflow.observability;

import dev.pureflow.FlowTimeoutException;
import dev.pureflow.combinators.ActionTimeoutException;
import io.vavr.control.Try;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * How a step or a run ended, in the four words metrics tags, span attributes and pictures use.
 * Only four values, so a tag made from it never grows a metric's cardinality.
 */
public enum Outcome {
    /** It answered (a step) or returned (a run). */
    SUCCESS,
    /** It failed with an error other than a time-out or a cancellation. */
    FAILURE,
    /** An action's time limit ({@link ActionTimeoutException}) or a run's deadline ({@link FlowTimeoutException}) passed. */
    TIMEOUT,
    /** It was cancelled or interrupted ({@link CancellationException}, {@link InterruptedException}). */
    CANCELLED;

    /** The outcome {@code result} stands for. */
    public static Outcome of(Try<?> result) {
        Objects.requireNonNull(result, "result");
        return result.isSuccess() ? SUCCESS : ofError(result.getCause());
    }

    /** The outcome a failure with {@code error} stands for. */
    public static Outcome ofError(Throwable error) {
        Objects.requireNonNull(error, "error");
        return switch (error) {
            case ActionTimeoutException timedOut -> TIMEOUT;
            case FlowTimeoutException timedOut -> TIMEOUT;
            case CancellationException cancelled -> CANCELLED;
            case InterruptedException interrupted -> CANCELLED;
            default -> FAILURE;
        };
    }

    /** The lower-case word used as a tag value and attribute: {@code success}, {@code failure}, ... */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
