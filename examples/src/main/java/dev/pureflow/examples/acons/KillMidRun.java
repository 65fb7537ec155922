package dev.pureflow.examples.acons;

import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.Job;
import dev.pureflow.interpreters.process.JobStatus;
import dev.pureflow.interpreters.process.OutputLine;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * acons' flow: start a command as a job with an id, read its output while it runs, kill it
 * mid-run, then read the output it wrote between the last read and its end, which the executor
 * keeps after the job ended.
 *
 * <p>Direct style: a polling loop is plain Java. Every read yields only the lines written since
 * the previous read of that job ({@link ProcessAction.ReadOutput}), so nothing is seen twice, and
 * every line the job wrote is seen exactly once: the lines read while it ran followed by the lines
 * read after its end are its whole output.
 */
public final class KillMidRun {

    /** How long the flow waits between two reads while the job has written nothing yet. */
    public static final Duration POLL = Duration.ofMillis(150);

    /** How long the flow lets the job run on after it first saw output, before killing it. */
    public static final Duration LET_RUN = Duration.ofMillis(200);

    /**
     * What the flow saw.
     *
     * @param job          the started job
     * @param whileRunning the lines read while it was running
     * @param killed       how it ended: by the kill, unless it ended before
     * @param afterEnd     the lines read after it ended, which nobody had read before
     */
    public record Report(Job job, List<String> whileRunning, ProcessResult killed, List<String> afterEnd) {
        public Report {
            Objects.requireNonNull(job, "job");
            whileRunning = List.copyOf(whileRunning);
            Objects.requireNonNull(killed, "killed");
            afterEnd = List.copyOf(afterEnd);
        }
    }

    private KillMidRun() {}

    /**
     * A command that runs for a minute unless killed: every tenth of a second it prints
     * {@code tick 1}, {@code tick 2}, ...
     */
    public static Command ticker() {
        return Command.shell("i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); echo \"tick $i\"; done");
    }

    /**
     * The world the flow needs: {@code processes} (real or fake) for the process actions, and
     * pauses on {@code clock} (the one the runner uses).
     */
    public static Executor world(Executor processes, Clock clock) {
        return Executor.routing()
                .route(ProcessAction.class, processes)
                .route(Pause.class, Pause.on(clock))
                .build();
    }

    /**
     * Starts {@code command} as the job {@code id}; reads its output every {@link #POLL} until it
     * wrote something (or ended); lets it run for {@link #LET_RUN} more; kills it; and reads what
     * it wrote since the last read.
     */
    public static Program<Report> flow(String id, Command command) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
        return Program.direct(flow -> {
            Job job = flow.perform(ProcessAction.start(id, command));
            JobStatus status = flow.perform(ProcessAction.readOutput(id));
            List<String> whileRunning = new ArrayList<>(texts(status));
            while (whileRunning.isEmpty() && status.running()) {
                flow.perform(new Pause(POLL));
                status = flow.perform(ProcessAction.readOutput(id));
                whileRunning.addAll(texts(status));
            }
            flow.perform(new Pause(LET_RUN));
            ProcessResult killed = flow.perform(ProcessAction.kill(id)); // does nothing if it already ended
            JobStatus ended = flow.perform(ProcessAction.readOutput(id)); // ended jobs stay readable
            return new Report(job, whileRunning, killed, texts(ended));
        });
    }

    private static List<String> texts(JobStatus status) {
        return status.newLines().stream().map(OutputLine::text).toList();
    }
}
