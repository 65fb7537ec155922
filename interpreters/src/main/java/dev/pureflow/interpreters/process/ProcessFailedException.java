package dev.pureflow.interpreters.process;

import java.util.Objects;

/** A process exited with a code its command does not count as success. */
public final class ProcessFailedException extends ProcessException {

    ProcessFailedException(Command command, ProcessResult result) {
        this("`" + command.commandLine() + "` exited with " + result.exitCode()
                + " (success: " + command.successCodes() + ")"
                + (result.stderr().length == 0 ? "" : "; stderr: " + tail(result.stderrText()))
                + (result.output().length == 0 ? "" : "; output: " + tail(result.outputText())), result);
    }

    /**
     * The failure with {@code message} and {@code result} as given: for codecs that rebuild a recorded
     * failure (a replay, a journal) and for fakes. The executors make theirs from the command.
     */
    public ProcessFailedException(String message, ProcessResult result) {
        super(Objects.requireNonNull(message, "message"), Objects.requireNonNull(result, "result"));
    }
}
