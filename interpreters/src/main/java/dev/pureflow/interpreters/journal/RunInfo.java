package dev.pureflow.interpreters.journal;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link DurableRunner#runs()} says of one run: its id, the factory and arguments (as JSON
 * text) that build its program, its state, how many steps its journal holds, when it started and
 * ended, and the journal's size in bytes. Immutable.
 */
public record RunInfo(String runId, String factory, String arguments, RunState state, int steps, Instant startedAt,
        Option<Instant> endedAt, long bytes) {

    /** Checks for nulls. */
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** Whether the run ended (succeeded or failed). */
    public boolean finished() {
        return state == RunState.SUCCEEDED || state == RunState.FAILED;
    }
}
