package dev.pureflow.combinators;

import dev.pureflow.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link Combinators#logged(java.util.function.UnaryOperator)} logs: to which logger, how an
 * action is rendered (secrets redacted), and which clock measures durations. Immutable.
 *
 * @param logger    where lines go; start and success at INFO, failure at WARN
 * @param redaction how an action is written in a line
 * @param clock     measures durations
 */
public record LogOptions(Logger logger, Redaction redaction, Clock clock) {

    /** Logger {@code dev.pureflow.actions}, actions as their {@code toString()}, the system clock. */
    public static final LogOptions DEFAULT =
            new LogOptions(LoggerFactory.getLogger("dev.pureflow.actions"), Redaction.NONE, Clock.system());

    public LogOptions {
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(redaction, "redaction");
        Objects.requireNonNull(clock, "clock");
    }

    /** These options logging to {@code logger}. */
    public LogOptions logger(Logger logger) {
        return new LogOptions(logger, redaction, clock);
    }

    /** These options rendering actions with {@code redaction}. */
    public LogOptions redaction(Redaction redaction) {
        return new LogOptions(logger, redaction, clock);
    }

    /** These options writing the named record components of any action as {@code ***}. */
    public LogOptions redacting(String... componentNames) {
        return redaction(Redaction.components(componentNames));
    }

    /** These options measuring durations on {@code clock}. */
    public LogOptions clock(Clock clock) {
        return new LogOptions(logger, redaction, clock);
    }
}
