package dev.pureflow.temporal;

import java.util.Objects;

/**
 * Stands in for an error that crossed Temporal but cannot be made again as its own class on this
 * side (its class is missing here, or has no constructor taking a message). Carries the original
 * class name and message. Immutable.
 */
public final class RemoteFailureException extends RuntimeException {

    private final String type;

    /** An error of class {@code type} (a class name) that failed with {@code message}. */
    public RemoteFailureException(String type, String message) {
        super(Objects.requireNonNull(type, "type") + ": " + message);
        this.type = type;
    }

    /** The class name of the original error. */
    public String type() {
        return type;
    }
}
