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

    /**
     * {@code result} if the run of {@code command} ended as the command wants, else the exception
     * that says how it did not: the one rule a {@link ProcessAction.Run} applies, real or fake.
     */
    static ProcessResult requireSuccess(Command command, ProcessResult result) throws ProcessException {
        if (result.timedOut()) {
            throw new ProcessTimeoutException(command, command.timeout().orElseThrow(), result);
        }
        if (!command.successCodes().contains(result.exitCode())) {
            throw new ProcessFailedException(command, result);
        }
        return result;
    }

    static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 497);
    }
}
