package dev.pureflow.interpreters.process;

import java.time.Duration;

/** A process ran past its command's timeout; its process tree was killed. */
public final class ProcessTimeoutException extends ProcessException {

    ProcessTimeoutException(Command command, Duration timeout, ProcessResult result) {
        super("`" + command.commandLine() + "` did not finish within " + timeout
                + "; its process tree was killed with " + result.signal().orElse("a signal"), result);
    }
}
