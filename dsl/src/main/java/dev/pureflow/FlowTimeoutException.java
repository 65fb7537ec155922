package dev.pureflow;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * A run did not finish within the deadline its {@link RunOptions#timeout(Duration)} set; the run
 * was cancelled (in-flight actions interrupted, finalizers run).
 */
public final class FlowTimeoutException extends CancellationException {

    private final Duration timeout;

    FlowTimeoutException(Duration timeout) {
        super("the flow did not finish within " + timeout + " and was cancelled");
        this.timeout = timeout;
    }

    /** The deadline that passed. */
    public Duration timeout() {
        return timeout;
    }
}
