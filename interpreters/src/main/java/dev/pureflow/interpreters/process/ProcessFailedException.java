package dev.pureflow.interpreters.process;

/** A process exited with a code its command does not count as success. */
public final class ProcessFailedException extends ProcessException {

    ProcessFailedException(Command command, ProcessResult result) {
        super("`" + command.commandLine() + "` exited with " + result.exitCode()
                + " (success: " + command.successCodes() + ")"
                + (result.stderr().length == 0 ? "" : "; stderr: " + tail(result.stderrText()))
                + (result.output().length == 0 ? "" : "; output: " + tail(result.outputText())), result);
    }
}
