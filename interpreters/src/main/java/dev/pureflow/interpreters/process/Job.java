package dev.pureflow.interpreters.process;

import java.time.Instant;
import java.util.List;

/**
 * A background process started with {@link ProcessAction.Start}. It belongs to the executor that
 * started it, not to the run: it runs until it exits, is killed, times out, the executor closes or
 * the JVM exits; {@link ProcessAction#scoped} ties one to a run instead.
 *
 * @param id        the job's id, given or generated; unique among the executor's jobs
 * @param pid       its process id
 * @param argv      the command line
 * @param startedAt when it started
 */
public record Job(String id, long pid, List<String> argv, Instant startedAt) {

    public Job {
        argv = List.copyOf(argv);
    }
}
