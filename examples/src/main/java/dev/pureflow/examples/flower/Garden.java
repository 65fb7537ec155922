package dev.pureflow.examples.flower;

import dev.pureflow.Action;
import java.util.Objects;

/**
 * What a flower's life asks of the garden.
 *
 * @param <R> the answer's type
 */
public sealed interface Garden<R> extends Action<R> {

    /** Today's sunshine, in centimetres of growth. */
    record Sunshine() implements Garden<Integer> {}

    /** Whether a frost comes tonight. */
    record Frost() implements Garden<Boolean> {}

    /** Tells the gardener {@code line}. */
    record Say(String line) implements Garden<Void> {
        public Say {
            Objects.requireNonNull(line, "line");
        }
    }
}
