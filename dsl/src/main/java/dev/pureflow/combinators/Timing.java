package dev.pureflow.combinators;

import dev.pureflow.Action;
import java.time.Duration;

/**
 * How long one action took, as {@link Combinators#timed} measures it.
 *
 * @param action    the action
 * @param duration  from handing it to the executor to its answer or failure
 * @param succeeded whether the executor answered (rather than threw)
 */
public record Timing(Action<?> action, Duration duration, boolean succeeded) {}
