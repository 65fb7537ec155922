package dev.pureflow.owner;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A {@code sync} call to a {@link SerialOwner} that did not end within its own timeout. It says
 * whether the call had started: a call that had not was taken out of the owner's queue and will
 * never run; a call that had keeps running on the owner's loop to its end, and its result is dropped
 * (a failure is logged).
 */
public final class OwnerCallTimeoutException extends TimeoutException {

    private final String owner;
    private final String call;
    private final Duration timeout;
    private final boolean started;

    OwnerCallTimeoutException(String owner, String call, Duration timeout, boolean started) {
        super(message(owner, call, timeout, started));
        this.owner = Objects.requireNonNull(owner, "owner");
        this.call = Objects.requireNonNull(call, "call");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.started = started;
    }

    private static String message(String owner, String call, Duration timeout, boolean started) {
        return started
                ? "call '" + call + "' to owner '" + owner + "' started but did not end within " + timeout
                        + "; it runs on to its end and its result is dropped"
                : "call '" + call + "' to owner '" + owner + "' did not start within " + timeout
                        + "; it was removed from the queue and will never run";
    }

    /** The name of the owner called. */
    public String owner() {
        return owner;
    }

    /** The name of the call. */
    public String call() {
        return call;
    }

    /** The call's own timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the call had started on the owner's loop when its caller stopped waiting. */
    public boolean started() {
        return started;
    }
}
