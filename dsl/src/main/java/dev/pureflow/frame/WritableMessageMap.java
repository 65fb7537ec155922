package dev.pureflow.frame;

import dev.pureflow.Program;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/**
 * A map of a {@link LifecycleFrame} that the one holding this view may write: the hooks write
 * {@code event_message}, the routine writes {@code routine_message}. Each write is a program; it
 * also publishes the new value (see {@link LifecycleFrame}), so the outside reads it through the
 * run's handle while the frame runs. Values may not be null. Thread-safe: all maps of a frame
 * share one lock, and {@link #apply} reads, computes and writes under it.
 */
public sealed interface WritableMessageMap extends MessageMap permits LocalMessageMap {

    /** Puts {@code value} under {@code key} and yields it. */
    <T> Program<T> update(String key, T value);

    /**
     * Replaces the {@code type} value under {@code key} with what {@code f} makes of it, atomically,
     * and yields the new value. Fails (and changes nothing) if there is no value or it is not a
     * {@code type}, or if {@code f} fails or returns null.
     */
    <T> Program<T> apply(String key, Class<T> type, UnaryOperator<T> f);

    /**
     * As {@link #apply(String, Class, UnaryOperator)}, starting from {@code fallback} if there is no
     * value under {@code key}; {@code fallback} must be a {@code type} too, checked as a stored
     * value is (gpframe checks the default's type as well).
     */
    <T> Program<T> apply(String key, Class<T> type, UnaryOperator<T> f, T fallback);

    /**
     * Removes the value under {@code key} and yields it, if there was one. What was published under
     * the key stays published (a published value is the latest write, for watching progress); the
     * frame's {@link FrameOutcome} has the map as it ends.
     */
    Program<Option<Object>> remove(String key);
}
