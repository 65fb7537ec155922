package dev.pureflow.console;

/** A request the console refuses: answered with {@code status} and {@code {"error": message}}. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
