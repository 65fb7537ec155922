package dev.pureflow.interpreters.process;

/** A process ran but did not end as its command wanted; carries its result and output. */
public abstract sealed class ProcessException extends Exception permits ProcessFailedException, ProcessTimeoutException {

    private final transient ProcessResult result;

    ProcessException(String message, ProcessResult result) {
        super(message);
        this.result = result;
    }

    /** How the process ended, with the output captured until then. */
    public ProcessResult result() {
        return result;
    }

    static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 497);
    }
}
