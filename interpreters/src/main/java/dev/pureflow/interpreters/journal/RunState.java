package dev.pureflow.interpreters.journal;

/** Where a durable run stands, as its journal and its runner say. */
public enum RunState {
    /** Running in this runner now. */
    RUNNING,
    /** Started, not ended, and not running here: a crash (or a divergence) stopped it; {@link DurableRunner#resume} goes on. */
    UNFINISHED,
    /** Ended with a value. */
    SUCCEEDED,
    /** Ended with an error, or was cancelled. */
    FAILED
}
