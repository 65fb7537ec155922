package dev.pureflow.frame;

import java.util.Objects;

/**
 * A hook of a {@link LifecycleFrame} failed: says which hook of which frame; the hook's own error
 * is the cause. The routine's errors are never wrapped in this: a failing routine fails the frame
 * with its own error.
 */
public final class HookFailedException extends RuntimeException {

    private final Hook hook;
    private final String frameName;

    /** {@code hook} of the frame {@code frameName} failed with {@code cause}. */
    public HookFailedException(Hook hook, String frameName, Throwable cause) {
        super(Objects.requireNonNull(hook, "hook") + " of frame '" + Objects.requireNonNull(frameName, "frameName")
                + "' failed: " + Objects.requireNonNull(cause, "cause"), cause);
        this.hook = hook;
        this.frameName = frameName;
    }

    /** The hook that failed. */
    public Hook hook() {
        return hook;
    }

    /** The name of the frame whose hook failed. */
    public String frameName() {
        return frameName;
    }
}
