package dev.pureflow;

import io.vavr.collection.List;

/**
 * An action failed: names the action, its step number in the run, the branch it ran on and the
 * steps just before it. The executor's exception is the {@linkplain #getCause() cause}. The message
 * shows the actions as the run's {@link Redaction} renders them ({@link RunOptions#redaction()}),
 * and the cause's text with the failed action's secrets masked.
 */
public final class ActionFailedException extends RuntimeException {

    private final transient Action<?> action;
    private final long step;
    private final StepKey key;
    private final transient List<Action<?>> before;

    ActionFailedException(Action<?> action, long step, StepKey key, List<Action<?>> before, Throwable cause, Redaction redaction) {
        super(message(action, step, key.path(), before, cause, redaction), cause);
        this.action = action;
        this.step = step;
        this.key = key;
        this.before = before;
    }

    private static String message(Action<?> action, long step, String branch, List<Action<?>> before, Throwable cause,
            Redaction redaction) {
        showCausesWith(cause, redaction);
        return "step " + step + " " + redaction.render(action) + " failed on branch " + branch
                + (before.isEmpty() ? " (the first step of its branch)" : " after " + before.map(redaction::render).mkString(", "))
                + ": " + redaction.maskIn(String.valueOf(cause), action);
    }

    /** The runner's own errors in the cause chain write their actions with the run's policy too. */
    private static void showCausesWith(Throwable cause, Redaction redaction) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable error = cause; error != null && seen.add(error); error = error.getCause()) {
            if (error instanceof UnhandledActionException unhandled) {
                unhandled.showWith(redaction);
            } else if (error instanceof ResultTypeException wrongType) {
                wrongType.showWith(redaction);
            }
        }
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
        return key.path();
    }

    /** Which step of the flow it was, independent of scheduling: its branch path and ordinal ({@code main/2/0#3}). */
    public StepKey key() {
        return key;
    }

    /** The last few actions performed on the same branch before it, oldest first. */
    public List<Action<?>> before() {
        return before;
    }
}
