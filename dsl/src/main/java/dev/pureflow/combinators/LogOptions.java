package dev.pureflow.combinators;

import dev.pureflow.Clock;
import dev.pureflow.Redaction;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link Combinators#logged(java.util.function.UnaryOperator)} logs: to which logger, with which
 * {@link Redaction} actions (and the text of failures) are written, and which clock measures
 * durations. Immutable.
 *
 * @param logger    where lines go; start and success at INFO, failure at WARN
 * @param redaction how an action is written in a line, and which secrets are masked in a failure's text
 * @param clock     measures durations
 */
public record LogOptions(Logger logger, Redaction redaction, Clock clock) {

    /**
     * Logger {@code dev.pureflow.actions}, {@link Redaction#DEFAULT} (actions as their
     * {@code toString()}, process environments and stdin masked), the system clock.
     */
    public static final LogOptions DEFAULT =
            new LogOptions(LoggerFactory.getLogger("dev.pureflow.actions"), Redaction.DEFAULT, Clock.system());

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

    /**
     * These options also writing the components (and string map keys) named {@code componentNames},
     * at any depth, as {@code ***}; see {@link Redaction#masking}.
     */
    public LogOptions redacting(String... componentNames) {
        return redaction(redaction.masking(componentNames));
    }

    /** These options measuring durations on {@code clock}. */
    public LogOptions clock(Clock clock) {
        return new LogOptions(logger, redaction, clock);
    }
}
