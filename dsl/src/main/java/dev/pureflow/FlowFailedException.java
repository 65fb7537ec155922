package dev.pureflow;

/**
 * Carries a checked exception out of a flow where only unchecked ones can travel: from
 * {@link Runner#run} and from {@link Flow} calls. Unchecked errors travel as themselves.
 */
public final class FlowFailedException extends RuntimeException {

    /** Wraps {@code cause}, a checked exception the flow failed with. */
    public FlowFailedException(Throwable cause) {
        super("flow failed: " + cause, cause);
    }

    /** {@code error} itself if unchecked, else wrapped. */
    static RuntimeException unchecked(Throwable error) {
        return error instanceof RuntimeException runtime ? runtime : new FlowFailedException(error);
    }
}
