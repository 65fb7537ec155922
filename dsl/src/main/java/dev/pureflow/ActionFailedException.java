package dev.pureflow;

import io.vavr.collection.List;

/**
 * An action failed: names the action, its step number in the run, the branch it ran on and the
 * steps just before it. The executor's exception is the {@linkplain #getCause() cause}.
 */
public final class ActionFailedException extends RuntimeException {

    private final transient Action<?> action;
    private final long step;
    private final String branch;
    private final transient List<Action<?>> before;

    ActionFailedException(Action<?> action, long step, String branch, List<Action<?>> before, Throwable cause) {
        super("step " + step + " " + action + " failed on branch " + branch
                + (before.isEmpty() ? " (the first step of its branch)" : " after " + before.mkString(", "))
                + ": " + cause, cause);
        this.action = action;
        this.step = step;
        this.branch = branch;
        this.before = before;
    }

    /** The action that failed. */
    public Action<?> action() {
        return action;
    }

    /** Its step number in the run, counting from 1 in the order steps started. */
    public long step() {
        return step;
    }

    /** Where in the flow it ran: {@code main}, or a path such as {@code main/2/0} inside parallel blocks. */
    public String branch() {
        return branch;
    }

    /** The last few actions performed on the same branch before it, oldest first. */
    public List<Action<?>> before() {
        return before;
    }
}
