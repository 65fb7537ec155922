package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What the job table needs of a job's process, real or fake. */
interface JobProcess {

    /** The command it runs. */
    Command command();

    /** Completes with the result once the process has ended and its output is closed. */
    CompletableFuture<ProcessResult> ended();

    /** Ends the process (its command's kill signal, then KILL after {@code grace}); does nothing once it has ended. */
    void kill(Duration grace);
}
