package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** An action ran past the limit {@link Combinators#timeout} gave it; its work was interrupted. */
public final class ActionTimeoutException extends TimeoutException {

    private final transient Action<?> action;
    private final Duration limit;

    /**
     * Reports that {@code action} ran past {@code limit}. Public for codecs that rebuild a recorded
     * failure (a replay, a journal) and for fakes; {@link Combinators#timeout} makes its own.
     */
    public ActionTimeoutException(Action<?> action, Duration limit) {
        super("action " + Redaction.DEFAULT.render(Objects.requireNonNull(action, "action"))
                + " did not finish within " + Objects.requireNonNull(limit, "limit") + "; its work was interrupted");
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
