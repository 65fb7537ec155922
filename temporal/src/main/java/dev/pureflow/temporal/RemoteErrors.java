package dev.pureflow.temporal;

import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.Constructor;

/**
 * Errors across Temporal: an error is sent as an {@link ApplicationFailure} of its class name with
 * its message as the failure's detail, and made again on the other side as its own class where that
 * class has a constructor taking a message, else as a {@link RemoteFailureException}. Stateless.
 */
final class RemoteErrors {

    private RemoteErrors() {}

    /** {@code error} as a failure Temporal may retry ({@code retryable}) or must not. */
    static ApplicationFailure toFailure(Throwable error, Retry retry) {
        String type = error.getClass().getName();
        String text = String.valueOf(error.getMessage());
        return switch (retry) {
            case RETRYABLE -> ApplicationFailure.newFailureWithCause(text, type, null, error.getMessage());
            case NOT_RETRYABLE -> ApplicationFailure.newNonRetryableFailureWithCause(text, type, null, error.getMessage());
        };
    }

    /** The error {@code failure} carries, made again as its own class where possible. */
    static Throwable rebuild(ApplicationFailure failure) {
        String message = failure.getDetails().getSize() == 0 ? failure.getOriginalMessage() : failure.getDetails().get(0, String.class);
        return rebuild(failure.getType(), message);
    }

    static Throwable rebuild(String type, String message) {
        try {
            Class<?> errorClass = PayloadCodec.load(type);
            if (Throwable.class.isAssignableFrom(errorClass)) {
                if (message == null) {
                    Constructor<?> none = errorClass.getConstructor();
                    return (Throwable) none.newInstance();
                }
                Constructor<?> withMessage = errorClass.getConstructor(String.class);
                return (Throwable) withMessage.newInstance(message);
            }
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError notRebuilt) {
            // fall through to the stand-in, which keeps the class name and the message
        }
        return new RemoteFailureException(type, message);
    }

    /** Whether Temporal may try a failed activity again. */
    enum Retry {
        RETRYABLE,
        NOT_RETRYABLE
    }
}
