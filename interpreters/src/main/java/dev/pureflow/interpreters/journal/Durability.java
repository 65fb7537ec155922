package dev.pureflow.interpreters.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * When a journal's appended records reach the disk. {@link #everyStep()} (the default) forces each
 * record to disk before the flow sees the step's answer: a step whose outcome the flow saw is never
 * executed again, whatever crashes. {@link #groupCommit(Duration)} writes each record to the
 * operating system at once (so it survives the JVM being killed) but forces the file at most
 * {@code window} later, one force for all records written meanwhile: much faster, and a power cut or
 * kernel crash may lose the records of the last window, whose steps then run again on resume.
 * Immutable.
 */
public sealed interface Durability {

    /** Force every record to disk before the flow goes on. */
    record EveryStep() implements Durability {}

    /** Write every record at once, force them to disk together at most {@code window} after the first. */
    record GroupCommit(Duration window) implements Durability {
        /** Checks that the window is positive. */
        public GroupCommit {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the group commit window must be positive: " + window);
            }
        }
    }

    /** Force every record to disk before the flow goes on: the safe default. */
    static Durability everyStep() {
        return new EveryStep();
    }

    /** Force records to disk together, at most {@code window} after the first of them was written. */
    static Durability groupCommit(Duration window) {
        return new GroupCommit(window);
    }
}
