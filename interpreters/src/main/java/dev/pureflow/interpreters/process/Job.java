package dev.pureflow.interpreters.process;

import java.time.Instant;
import java.util.List;

/**
 * A background process started with {@link ProcessAction.Start}.
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
