package dev.pureflow.examples.astty;

import dev.pureflow.Program;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.ProcessResult;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * go-astty's first flow: start a long-running command, read its lines as they appear, then wait
 * for it to end. The command is a local stand-in for {@code ping localhost}, so the example runs
 * anywhere there is a {@code sh}: it prints {@code 64 bytes from localhost: icmp_seq=N} and sleeps
 * a tenth of a second, {@code count} times.
 *
 * <p>Monadic style: start the job, then await it. The lines do not pass through the flow: the
 * executor hands each one to the job's {@link ProcessListener} as soon as it is complete, while the
 * flow is waiting, so {@code lines} sees them while the command still runs.
 */
public final class AsyncPing {

    /** The job's id: the flow waits for it by this name. */
    public static final String JOB_ID = "ping";

    private AsyncPing() {}

    /** The stand-in for {@code ping -c count localhost}: one line, then a 0.1 s pause, {@code count} times. */
    public static Command command(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return Command.shell("for i in $(seq " + count + "); do"
                + " echo \"64 bytes from localhost: icmp_seq=$i\"; sleep 0.1; done");
    }

    /**
     * Starts the stand-in as the job {@value #JOB_ID}, hands each line it prints to {@code lines} as
     * it appears, and yields its result once it has ended (whatever its exit code).
     *
     * @param lines called from the executor's reader thread, once per line, in order
     */
    // README: process-flow
    public static Program<ProcessResult> flow(int count, Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        ProcessListener streaming = ProcessListener.onLine(line -> lines.accept(line.text()));
        return Program.perform(ProcessAction.start(JOB_ID, command(count), streaming))
                .flatMap(job -> Program.perform(ProcessAction.await(job.id())));
    }
    // END README
}
