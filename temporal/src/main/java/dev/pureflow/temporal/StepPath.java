package dev.pureflow.temporal;

/**
 * One branch path of a run ({@code main}, {@code main/2/0}) and the next step ordinal in it: every
 * performed action and every parallel block takes the next ordinal, so a step's key
 * ({@code main/2/0#3}) depends only on the program, never on scheduling. Confined to the workflow
 * thread that walks the path (Temporal runs one workflow thread at a time).
 */
final class StepPath {

    private final String name;
    private int next;

    private StepPath(String name) {
        this.name = name;
    }

    /** The run's top level. */
    static StepPath main() {
        return new StepPath("main");
    }

    /** Takes the next ordinal of this path. */
    int nextOrdinal() {
        return next++;
    }

    /** The ordinal the next step will take, without taking it. */
    int peekOrdinal() {
        return next;
    }

    /** Makes {@code ordinal} the next ordinal: a resumed run goes on where the run before left off. */
    void continueAt(int ordinal) {
        next = ordinal;
    }

    /** The key of step {@code ordinal} of this path. */
    String key(int ordinal) {
        return name + "#" + ordinal;
    }

    /** The path of branch {@code index} of the parallel block that is step {@code ordinal} here. */
    StepPath branch(int ordinal, int index) {
        return new StepPath(name + "/" + ordinal + "/" + index);
    }

    @Override
    public String toString() {
        return name;
    }
}
