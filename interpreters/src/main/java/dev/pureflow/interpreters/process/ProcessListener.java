package dev.pureflow.interpreters.process;

/**
 * Sees a process as it runs: its start, each line as soon as it is complete (the last one even
 * without a terminator), and its end, always in that order. Called from the executor's reader
 * threads: calls for one process never overlap, but keep them short (a slow listener slows the
 * reading). Exceptions it throws are logged and otherwise ignored, so output is never lost.
 */
public interface ProcessListener {

    /** A listener that ignores everything. */
    ProcessListener NONE = new ProcessListener() {};

    /** The process started with {@code pid}. */
    default void started(long pid) {}

    /** The process wrote {@code line}. */
    default void line(OutputLine line) {}

    /** The process ended; every line has been delivered. */
    default void exited(ProcessResult result) {}

    /** A listener that hands each line to {@code consumer} and ignores the rest. */
    static ProcessListener onLine(java.util.function.Consumer<OutputLine> consumer) {
        java.util.Objects.requireNonNull(consumer, "consumer");
        return new ProcessListener() {
            @Override
            public void line(OutputLine line) {
                consumer.accept(line);
            }
        };
    }
}
