package dev.pureflow.frame;

import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.HashMap;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A map a frame holds itself ({@code environment}, {@code event_message}, {@code routine_message}),
 * under the frame's one lock. Writes also publish the new value through {@code publish}, so the
 * outside can read it while the frame runs; {@link #readOnly()} is the view for those who may
 * only read it. Thread-safe.
 */
final class LocalMessageMap implements WritableMessageMap {

    private final String name;
    private final FrameState frame;
    private final java.util.Map<String, Object> values = new HashMap<>(); // guarded by the frame's lock
    private final BiFunction<String, Object, Program<Void>> publish;
    private final ReadOnly readOnly = new ReadOnly(this);

    LocalMessageMap(String name, FrameState frame, java.util.Map<String, ?> initial, BiFunction<String, Object, Program<Void>> publish) {
        this.name = name;
        this.frame = frame;
        this.values.putAll(initial);
        this.publish = publish;
    }

    /** This map as one that may only be read. */
    MessageMap readOnly() {
        return readOnly;
    }

    /** What the map holds now, sorted by key; call under the frame's lock (from {@link FrameState#terminate}). */
    Map<String, Object> snapshotUnderLock() {
        return TreeMap.ofAll(values);
    }

    /** Makes the map hold exactly {@code entries}, as a resumed run found it; call under the frame's lock. */
    void replaceUnderLock(java.util.Map<String, Object> entries) {
        values.clear();
        values.putAll(entries);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> Program<Option<T>> find(String key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return Program.defer(() -> Program.pure(open(() -> Option.of(values.get(key)).map(value -> typed(key, type, value)))));
    }

    @Override
    public <T> Program<T> update(String key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return Program.defer(() -> {
            open(() -> values.put(key, value));
            return publish.apply(key, value).map(published -> value);
        });
    }

    @Override
    public <T> Program<T> apply(String key, Class<T> type, UnaryOperator<T> f) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        return applied(key, type, f, Option.none());
    }

    @Override
    public <T> Program<T> apply(String key, Class<T> type, UnaryOperator<T> f, T fallback) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(fallback, "fallback");
        return applied(key, type, f, Option.some(fallback));
    }

    private <T> Program<T> applied(String key, Class<T> type, UnaryOperator<T> f, Option<T> fallback) {
        return Program.defer(() -> {
            T next = open(() -> {
                Object current = values.containsKey(key)
                        ? values.get(key)
                        : fallback.getOrElseThrow(() -> new java.util.NoSuchElementException(
                                "no '" + key + "' in the " + name + " map to apply a function to, and no default"));
                T result = Objects.requireNonNull(f.apply(typed(key, type, current)),
                        "the function applied to '" + key + "' returned null");
                values.put(key, result);
                return result;
            });
            return publish.apply(key, next).map(published -> next);
        });
    }

    @Override
    public Program<Option<Object>> remove(String key) {
        Objects.requireNonNull(key, "key");
        return Program.defer(() -> Program.pure(open(() -> Option.of(values.remove(key)))));
    }

    private <T> T open(java.util.function.Supplier<T> work) {
        return frame.whileOpen(name + " map", work);
    }

    private <T> T typed(String key, Class<T> type, Object value) {
        if (!type.isInstance(value)) {
            throw new MessageTypeException("value in the " + name + " map of frame '" + frame.frameName + "'", key, type, value.getClass());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + " map of frame '" + frame.frameName + "'";
    }

    /** A view that may only read its map: no cast gives write access. */
    static final class ReadOnly implements MessageMap {

        private final LocalMessageMap map;

        ReadOnly(LocalMessageMap map) {
            this.map = map;
        }

        @Override
        public String name() {
            return map.name();
        }

        @Override
        public <T> Program<Option<T>> find(String key, Class<T> type) {
            return map.find(key, type);
        }

        @Override
        public String toString() {
            return map.toString() + " (read-only)";
        }
    }
}
