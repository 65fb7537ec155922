package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import java.time.Duration;
import java.util.Objects;

/**
 * How long one action took, as {@link Combinators#timed} measures it. Its {@code toString} shows
 * the action as {@code redaction} renders it, never as its raw components.
 *
 * @param action    the action
 * @param duration  from handing it to the executor to its answer or failure
 * @param succeeded whether the executor answered (rather than threw)
 * @param redaction how {@link #toString()} shows the action
 */
public record Timing(Action<?> action, Duration duration, boolean succeeded, Redaction redaction) {

    public Timing {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(redaction, "redaction");
    }

    /** A timing shown with {@link Redaction#DEFAULT}. */
    public Timing(Action<?> action, Duration duration, boolean succeeded) {
        this(action, duration, succeeded, Redaction.DEFAULT);
    }

    @Override
    public String toString() {
        return "Timing[action=" + redaction.render(action) + ", duration=" + duration + ", succeeded=" + succeeded + "]";
    }
}
