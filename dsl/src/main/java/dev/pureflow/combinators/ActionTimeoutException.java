package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** An action ran past the limit {@link Combinators#timeout} gave it; its work was interrupted. */
public final class ActionTimeoutException extends TimeoutException {

    private final transient Action<?> action;
    private final Duration limit;

    ActionTimeoutException(Action<?> action, Duration limit) {
        super("action " + Redaction.DEFAULT.render(action) + " did not finish within " + limit + "; its work was interrupted");
        this.action = action;
        this.limit = limit;
    }

    /** The action that ran too long. */
    public Action<?> action() {
        return action;
    }

    /** The limit it was given. */
    public Duration limit() {
        return limit;
    }
}
