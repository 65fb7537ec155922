package dev.pureflow;

/** An executor was asked to carry out an action it has no case for. */
public final class UnhandledActionException extends RuntimeException {

    private final transient Action<?> action;

    /** Reports that {@code action} is not handled, and why. */
    public UnhandledActionException(Action<?> action, String reason) {
        super("no handler for action " + action + " (" + action.getClass().getName() + "): " + reason);
        this.action = action;
    }

    /** The action nobody handled. */
    public Action<?> action() {
        return action;
    }
}
