package dev.pureflow.temporal;

/**
 * An action or its answer is larger than a Temporal payload may be (2 MB by default on a Temporal
 * server): the message names the action and the size. Pass large data by reference (a file, a blob
 * key) instead. Immutable.
 */
public final class PayloadTooLargeException extends RuntimeException {

    /** The payload limit pureflow checks against before Temporal would refuse the payload. */
    public static final int LIMIT_BYTES = 2 * 1024 * 1024;

    /** An error with {@code message}, which names the action and the size. */
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
