package dev.pureflow;

import java.util.Objects;

/**
 * An executor was asked to carry out an action it has no case for. The message shows the action as
 * a {@link Redaction} renders it: the default policy where the executor throws it, the run's policy
 * once the runner reports it.
 */
public final class UnhandledActionException extends RuntimeException {

    private final transient Action<?> action;
    private final String reason;
    private transient volatile Redaction redaction = Redaction.DEFAULT;

    /** Reports that {@code action} is not handled, and why. */
    public UnhandledActionException(Action<?> action, String reason) {
        super((String) null);
        this.action = Objects.requireNonNull(action, "action");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The action nobody handled. */
    public Action<?> action() {
        return action;
    }

    @Override
    public String getMessage() {
        Redaction shown = redaction == null ? Redaction.DEFAULT : redaction; // null after deserialisation
        return "no handler for action " + shown.render(action) + " (" + action.getClass().getName() + "): "
                + shown.maskIn(reason, action);
    }

    /** Renders with the run's policy from now on; called by the runner before the error reaches anyone. */
    void showWith(Redaction redaction) {
        this.redaction = redaction;
    }
}
