package dev.pureflow.temporal;

import io.temporal.failure.ApplicationFailure;

/**
 * Errors across Temporal: an error is sent as an {@link ApplicationFailure} whose type is the
 * error's class name and whose detail is the error as the shared codec writes it, and made again on
 * the other side as its own class where possible. Stateless.
 */
final class RemoteErrors {

    private RemoteErrors() {}

    /** {@code error} as a failure Temporal may retry, or must not. */
    static ApplicationFailure toFailure(Throwable error, Retry retry) {
        String type = error.getClass().getName();
        String text = String.valueOf(error.getMessage());
        String encoded = PayloadCodec.INSTANCE.encodeError(error);
        return switch (retry) {
            case RETRYABLE -> ApplicationFailure.newFailureWithCause(text, type, null, encoded);
            case NOT_RETRYABLE -> ApplicationFailure.newNonRetryableFailureWithCause(text, type, null, encoded);
        };
    }

    /** The error {@code failure} carries, made again as its own class where possible. */
    static Throwable rebuild(ApplicationFailure failure) {
        if (failure.getDetails().getSize() == 0) {
            // not one of ours (a failure raised by Temporal or another SDK): its type and message
            return new dev.pureflow.interpreters.codec.DecodedFailureException(failure.getType(), failure.getOriginalMessage());
        }
        return PayloadCodec.INSTANCE.decodeError(failure.getDetails().get(0, String.class));
    }

    /** Whether Temporal may try a failed activity again. */
    enum Retry {
        RETRYABLE,
        NOT_RETRYABLE
    }
}
