package dev.pureflow.state;

import io.vavr.collection.Set;
import java.util.Objects;

/**
 * A state tried a move its machine does not declare; the machine ends as failed with this error.
 * It names the state that tried (the one it failed in), the target and the exits that state has.
 */
public final class IllegalTransitionException extends IllegalStateException {

    private final transient Object from;
    private final transient Object to;

    IllegalTransitionException(Object from, Object to, Set<?> exits) {
        super(message(from, to, exits));
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
    }

    private static String message(Object from, Object to, Set<?> exits) {
        return exits.isEmpty()
                ? "state " + from + " is terminal and cannot move: it tried to move to " + to
                : "state " + from + " cannot move to " + to + ": its exits are " + exits.mkString("[", ", ", "]");
    }

    /** The state that tried the move, and in which the machine failed. */
    public Object from() {
        return from;
    }

    /** The state it tried to move to. */
    public Object to() {
        return to;
    }
}
