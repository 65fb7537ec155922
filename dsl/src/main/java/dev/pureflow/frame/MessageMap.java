package dev.pureflow.frame;

import dev.pureflow.Program;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A read view of one of a {@link LifecycleFrame}'s four maps ({@code environment}, {@code request},
 * {@code event_message}, {@code routine_message}), as a hook or the routine may see it. Every read
 * is a {@link Program}, run where the hook or routine runs it: a frame stays a pure value, and the
 * {@code request} reads are built-in message actions that any interpreter answers (the runner from
 * what {@link dev.pureflow.RunHandle#send} sent; a durable one from its journal).
 *
 * <pre>{@code
 * ctx -> ctx.request().getOrDefault("stop", Boolean.class, false)
 *         .flatMap(stop -> ctx.environment().stringToInt("retries")).map(retries -> ...)
 * }</pre>
 *
 * <p>gpframe's {@code get}, {@code getd} and {@code geta} are {@link #get}, {@link #getOrDefault}
 * and {@link #getAny}; its {@code string_to_int/float/bool} are {@link #stringToInt},
 * {@link #stringToFloat} and {@link #stringToBool}, with Python's rules ({@link StringConversions}).
 * A read fails with {@link NoSuchElementException} for a missing key, {@link dev.pureflow.MessageTypeException}
 * for a value of another type (both name the key and the map), and {@link FrameTerminatedException}
 * once the frame has terminated. Thread-safe: all maps of a frame share one lock.
 */
public sealed interface MessageMap permits WritableMessageMap, RequestMap, LocalMessageMap.ReadOnly {

    /** The map's name as gpframe spells it: {@code environment}, {@code request}, {@code event_message} or {@code routine_message}. */
    String name();

    /** The value under {@code key}, if there is one; fails if it is not a {@code type}. */
    <T> Program<Option<T>> find(String key, Class<T> type);

    /** The value under {@code key}; fails if there is none or it is not a {@code type} (gpframe's {@code get}). */
    default <T> Program<T> get(String key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return find(key, type).flatMap(found -> found.isDefined()
                ? Program.pure(found.get())
                : Program.fail(new NoSuchElementException("no '" + key + "' in the " + name() + " map")));
    }

    /** The value under {@code key}, or {@code fallback} if there is none; fails if it is not a {@code type} (gpframe's {@code getd}). */
    default <T> Program<T> getOrDefault(String key, Class<T> type, T fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return find(key, type).map(found -> found.getOrElse(fallback));
    }

    /** The value under {@code key}, whatever its type; fails if there is none (gpframe's {@code geta}). */
    default Program<Object> getAny(String key) {
        return get(key, Object.class);
    }

    /** The value under {@code key} as text ({@code String.valueOf}); fails if there is none. */
    default Program<String> string(String key) {
        return getAny(key).map(String::valueOf);
    }

    /** The value under {@code key} as text, read as Python's {@code int(text, 0)} reads it ({@link StringConversions#toInt}). */
    default Program<BigInteger> stringToInt(String key) {
        return string(key).map(StringConversions::toInt);
    }

    /** The value under {@code key} as text, read as Python's {@code float(text)} reads it ({@link StringConversions#toFloat}). */
    default Program<Double> stringToFloat(String key) {
        return string(key).map(StringConversions::toFloat);
    }

    /** The value under {@code key} as text: true unless it is empty (Python's {@code bool(text)}). */
    default Program<Boolean> stringToBool(String key) {
        return stringToBool(key, Set.of(), Set.of());
    }

    /** The value under {@code key} as text, judged by the true and false sets as {@link StringConversions#toBool} says. */
    default Program<Boolean> stringToBool(String key, Set<String> trueSet, Set<String> falseSet) {
        Objects.requireNonNull(trueSet, "trueSet");
        Objects.requireNonNull(falseSet, "falseSet");
        return string(key).map(text -> StringConversions.toBool(text, trueSet, falseSet));
    }
}
