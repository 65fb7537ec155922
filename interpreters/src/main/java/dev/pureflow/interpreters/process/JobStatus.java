package dev.pureflow.interpreters.process;

import java.util.List;
import java.util.Optional;

/**
 * A job as {@link ProcessAction.ReadOutput} or {@link ProcessAction.ListJobs} sees it.
 *
 * @param job      the job
 * @param newLines for ReadOutput: the lines written since the previous read (empty in a listing)
 * @param result   how it ended, once it has
 */
public record JobStatus(Job job, List<OutputLine> newLines, Optional<ProcessResult> result) {

    public JobStatus {
        newLines = List.copyOf(newLines);
    }

    /** Whether the job is still running. */
    public boolean running() {
        return result.isEmpty();
    }
}
