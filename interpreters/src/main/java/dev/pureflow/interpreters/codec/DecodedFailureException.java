package dev.pureflow.interpreters.codec;

import java.util.Objects;

/**
 * Stands for a written error whose class {@link JsonCodec} could not make again: the class is not
 * on the class path, no public constructor takes its written data, or a datum could not be written.
 * Carries the original class name ({@link #recordedType()}) and message; the written cause is its
 * cause. Not thread-confined: immutable after decoding, like any exception.
 */
public class DecodedFailureException extends RuntimeException {

    private final String recordedType;

    /** A stand-in for an error of class {@code recordedType} whose message was {@code message} (which may be null). */
    public DecodedFailureException(String recordedType, String message) {
        super(Objects.requireNonNull(recordedType, "recordedType") + ": " + message);
        this.recordedType = recordedType;
    }

    /** The class name of the written exception. */
    public String recordedType() {
        return recordedType;
    }
}
