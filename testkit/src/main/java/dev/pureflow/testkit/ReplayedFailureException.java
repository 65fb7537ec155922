package dev.pureflow.testkit;

/**
 * A recorded failure whose exception class {@link Replay} could not make again (no {@code (String)}
 * or no-argument constructor, or not on the class path): the original class name and message.
 */
public final class ReplayedFailureException extends RuntimeException {

    private final String recordedType;

    ReplayedFailureException(String recordedType, String message) {
        super(recordedType + ": " + message);
        this.recordedType = recordedType;
    }

    /** The class name of the recorded exception. */
    public String recordedType() {
        return recordedType;
    }
}
