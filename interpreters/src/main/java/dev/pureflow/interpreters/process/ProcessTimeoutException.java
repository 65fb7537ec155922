package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.Objects;

/** A process ran past its command's timeout; its process tree was killed. */
public final class ProcessTimeoutException extends ProcessException {

    ProcessTimeoutException(Command command, Duration timeout, ProcessResult result) {
        this("`" + command.commandLine() + "` did not finish within " + timeout
                + "; its process tree was killed with " + result.signal().orElse("a signal"), result);
    }

    /**
     * The time-out with {@code message} and {@code result} as given: for codecs that rebuild a
     * recorded failure (a replay, a journal) and for fakes. The executors make theirs from the command.
     */
    public ProcessTimeoutException(String message, ProcessResult result) {
        super(Objects.requireNonNull(message, "message"), Objects.requireNonNull(result, "result"));
    }
}
