package dev.pureflow.combinators;

/**
 * Receives each {@link Timing} that {@link Combinators#timed} measures: a metrics registry, a
 * histogram, a list in a test. Called on the thread that performed the action, possibly from
 * several at once: implementations must be thread-safe. A sink that throws fails the action.
 */
@FunctionalInterface
public interface TimingSink {

    /** Takes one measurement. */
    void record(Timing timing);
}
