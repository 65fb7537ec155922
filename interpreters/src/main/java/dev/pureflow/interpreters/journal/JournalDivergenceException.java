package dev.pureflow.interpreters.journal;

import java.util.Objects;

/**
 * A resumed run performed, at a step its journal has a record for, another action than the one
 * recorded there: its program changed since the run started (or is not deterministic). Names the
 * run, the step key and both actions (as the run's redaction shows them). The run is left
 * unfinished in its journal, so that it resumes once the program is put back (or is deleted).
 */
public final class JournalDivergenceException extends RuntimeException {

    private final String runId;
    private final String key;

    /** At step {@code key} of run {@code runId}, {@code actual} was performed where {@code recorded} was. */
    public JournalDivergenceException(String runId, String key, String recorded, String actual) {
        super("run " + Objects.requireNonNull(runId, "runId") + " diverged from its journal at step " + Objects.requireNonNull(key, "key")
                + ":\n  recorded: " + Objects.requireNonNull(recorded, "recorded") + "\n  actual:   " + Objects.requireNonNull(actual, "actual"));
        this.runId = runId;
        this.key = key;
    }

    /** The run. */
    public String runId() {
        return runId;
    }

    /** The step key where the actions differ, as {@code main/2/0#3}. */
    public String key() {
        return key;
    }
}
