package dev.pureflow.testkit;

import dev.pureflow.interpreters.codec.DecodedFailureException;

/**
 * A recorded failure whose exception class {@link Replay} could not make again: the class is not on
 * the class path, no public constructor takes its recorded data, or a datum could not be recorded.
 * Carries the original class name ({@link #recordedType()}) and message, and the recorded cause.
 * How errors are made again is described on the shared {@link dev.pureflow.interpreters.codec.JsonCodec}.
 */
public final class ReplayedFailureException extends DecodedFailureException {

    ReplayedFailureException(String recordedType, String message) {
        super(recordedType, message);
    }
}
