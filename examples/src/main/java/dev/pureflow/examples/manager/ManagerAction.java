package dev.pureflow.examples.manager;

import dev.pureflow.Action;
import java.util.Objects;

/**
 * What a flow may ask of a {@link Manager}, through {@link Manager#executor()}.
 *
 * @param <R> the answer's type
 */
public sealed interface ManagerAction<R> extends Action<R> {

    /** Reads all resources at one moment. */
    record ReadSnapshot() implements ManagerAction<Snapshot> {}

    /** Moves up to {@code count} units from {@code from} to {@code to}, and waits until it is done. */
    record Move(String from, String to, int count) implements ManagerAction<Void> {
        public Move {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
