package dev.pureflow;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run's own maps, which the runner answers the message and publish {@link BuiltIn built-in
 * actions} from: the messages the outside sent in (key to latest value) and the values the flow
 * published (key to latest value). Both are persistent maps replaced under a lock, so a snapshot is
 * a read of a volatile field; once the run has ended, sending is refused and the maps are final.
 * Thread-safe.
 */
final class Mailbox {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, Object> messages = HashMap.empty();
    private volatile Map<String, Object> published = HashMap.empty();
    // the waits of AwaitMessage steps, by key: one future per wait, so a wait that times out leaves nothing behind
    private final java.util.Map<String, List<CompletableFuture<Void>>> waits = new java.util.HashMap<>();
    private boolean ended;
    /** Sees each message before it is put, under the lock: the order it sees is the order the run sees. */
    private final MessageGate gate;

    Mailbox(MessageGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** Sends {@code value} under {@code key}, waking the steps waiting for it; false once the run has ended. */
    boolean send(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        List<CompletableFuture<Void>> woken;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            gate.admit(key, value); // throws to refuse: then nothing changes
            messages = messages.put(key, value);
            woken = waits.remove(key);
        } finally {
            lock.unlock();
        }
        if (woken != null) {
            woken.forEach(wait -> wait.complete(null));
        }
        return true;
    }

    /** The latest message under {@code key}, as a {@code type}. */
    <T> Option<T> read(String key, Class<T> type) {
        return typed("message", key, type, messages.get(key));
    }

    /**
     * The latest message under {@code key}, at once if there is one, else as soon as one is sent,
     * or none once {@code timeout} of {@code clock}'s time has passed.
     */
    <T> Option<T> await(String key, Class<T> type, Duration timeout, Clock clock) throws InterruptedException {
        CompletableFuture<Void> arrival = new CompletableFuture<>();
        lock.lock();
        try {
            Option<Object> present = messages.get(key);
            if (present.isDefined()) {
                return typed("message", key, type, present);
            }
            waits.computeIfAbsent(key, k -> new ArrayList<>(1)).add(arrival);
        } finally {
            lock.unlock();
        }
        try {
            clock.await(arrival, timeout);
        } finally {
            if (!arrival.isDone()) {
                forget(key, arrival);
            }
        }
        return typed("message", key, type, messages.get(key));
    }

    private void forget(String key, CompletableFuture<Void> arrival) {
        lock.lock();
        try {
            List<CompletableFuture<Void>> waiting = waits.get(key);
            if (waiting != null && waiting.remove(arrival) && waiting.isEmpty()) {
                waits.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Publishes {@code value} under {@code key}, replacing what was there. */
    void publish(String key, Object value) {
        lock.lock();
        try {
            if (ended) {
                throw new IllegalStateException("the run has ended: its published values are final; \"" + key + "\" was not published");
            }
            published = published.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    /** The value published under {@code key}, as a {@code type}. */
    <T> Option<T> published(String key, Class<T> type) {
        return typed("published value", key, type, published.get(key));
    }

    Map<String, Object> published() {
        return published;
    }

    Map<String, Object> messages() {
        return messages;
    }

    /** The run has ended: refuse messages from now on and keep the maps as they are. */
    void end() {
        lock.lock();
        try {
            ended = true;
        } finally {
            lock.unlock();
        }
    }

    private static <T> Option<T> typed(String what, String key, Class<T> type, Option<Object> found) {
        if (found.isEmpty()) {
            return Option.none();
        }
        Object value = found.get();
        Class<?> wanted = boxed(type);
        if (!wanted.isInstance(value)) {
            throw new MessageTypeException(what, key, type, value.getClass());
        }
        @SuppressWarnings("unchecked")
        T cast = (T) value;
        return Option.some(cast);
    }

    /** {@code Integer} for {@code int.class} and so on: values are always boxed. */
    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }
}
