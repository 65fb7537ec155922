package dev.pureflow.frame;

import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;

/**
 * The frame's {@code request} map: what the outside sends into the run. Each read is the built-in
 * {@link Program#readMessage} action, so the in-process runner answers it from what
 * {@link dev.pureflow.RunHandle#send} sent (the latest value under the key, at the moment of the
 * read), and a durable or scripted interpreter answers it its own way. A key never sent falls back
 * to the request the frame's builder set, if any. The values read are remembered (under the
 * frame's lock) for the outcome's snapshot. Thread-safe.
 */
final class RequestMap implements MessageMap {

    private final FrameState frame;
    private final java.util.Map<String, Object> initial;
    private final java.util.Map<String, Object> seen = new HashMap<>(); // guarded by the frame's lock

    RequestMap(FrameState frame, java.util.Map<String, Object> initial) {
        this.frame = frame;
        this.initial = java.util.Map.copyOf(initial);
        this.seen.putAll(initial);
    }

    /** The builder's requests overlaid with every value read since; call under the frame's lock. */
    Map<String, Object> snapshotUnderLock() {
        return TreeMap.ofAll(seen);
    }

    /** Makes the values read so far exactly {@code entries}, as a resumed run found them; call under the frame's lock. */
    void replaceUnderLock(java.util.Map<String, Object> entries) {
        seen.clear();
        seen.putAll(entries);
    }

    @Override
    public String name() {
        return "request";
    }

    @Override
    public <T> Program<Option<T>> find(String key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return Program.defer(() -> {
            frame.whileOpen("request map", () -> null);
            return Program.readMessage(key, type).map(sent -> {
                Option<T> found = sent.orElse(() -> Option.of(initial.get(key)).map(value -> typed(key, type, value)));
                frame.whileOpen("request map", () -> found.peek(value -> seen.put(key, value)));
                return found;
            });
        });
    }

    /**
     * The latest request under {@code key}: at once if there is one, else as soon as the outside
     * sends one, or none once {@code timeout} of the run's clock has passed (the built-in
     * {@link Program#awaitMessage}). A key never sent does not fall back to the builder's request:
     * waiting is for what the outside sends.
     */
    <T> Program<Option<T>> await(String key, Class<T> type, Duration timeout) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        return Program.defer(() -> {
            frame.whileOpen("request map", () -> null);
            return Program.awaitMessage(key, type, timeout).map(sent -> {
                frame.whileOpen("request map", () -> sent.peek(value -> seen.put(key, value)));
                return sent;
            });
        });
    }

    private <T> T typed(String key, Class<T> type, Object value) {
        if (!type.isInstance(value)) {
            throw new MessageTypeException("value in the request map of frame '" + frame.frameName + "'", key, type, value.getClass());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "request map of frame '" + frame.frameName + "'";
    }
}
