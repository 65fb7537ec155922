package dev.pureflow.testkit;

/**
 * A recorded failure whose exception class {@link Replay} could not make again: the class is not on
 * the class path, no public constructor takes its recorded data, or a datum could not be recorded.
 * Carries the original class name ({@link #recordedType()}) and message, and the recorded cause.
 * How errors are made again is described on the codec's error part (see {@link Recorder}).
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
