package dev.pureflow.frame;

import java.time.Duration;
import java.util.Objects;

/**
 * The routine of a {@link LifecycleFrame} did not finish within its
 * {@link LifecycleFrame.Builder#routineTimeout routine timeout}; its work was cancelled.
 */
public final class RoutineTimeoutException extends RuntimeException {

    private final Duration timeout;

    /** The routine of frame {@code frameName} ran longer than {@code timeout}; {@code detail} may add why. */
    public RoutineTimeoutException(String frameName, Duration timeout, String detail) {
        super("the routine of frame '" + Objects.requireNonNull(frameName, "frameName") + "' did not finish within "
                + Objects.requireNonNull(timeout, "timeout") + "; its work was cancelled" + Objects.requireNonNull(detail, "detail"));
        this.timeout = timeout;
    }

    /** The routine timeout that passed. */
    public Duration timeout() {
        return timeout;
    }
}
