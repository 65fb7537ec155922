package dev.pureflow.temporal;

import io.temporal.workflow.DynamicQueryHandler;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One workflow run's messages and published values, for the built-in actions: messages arrive as
 * the signal {@value #MESSAGE_SIGNAL} (key, class name, JSON), published values are read by the
 * query {@value #PUBLISHED_QUERY} (key → class name and JSON). Both maps hold the latest value per
 * key. Confined to the run's workflow threads (signals and queries run there too).
 */
final class RunMailbox {

    static final String MESSAGE_SIGNAL = "pureflow.message";
    static final String PUBLISHED_QUERY = "pureflow.published";

    /** A value as it travels: its class name and its JSON. */
    record Sent(String type, String json) {}

    private final Map<String, Sent> messages = new LinkedHashMap<>();
    private final Map<String, Sent> published = new LinkedHashMap<>();

    /** Listens for the run's messages and answers queries for its published values. */
    void listen() {
        Workflow.registerListener((DynamicSignalHandler) (name, args) -> {
            if (MESSAGE_SIGNAL.equals(name)) {
                messages.put(args.get(0, String.class), new Sent(args.get(1, String.class), args.get(2, String.class)));
            }
        });
        Workflow.registerListener((DynamicQueryHandler) (name, args) -> {
            if (!PUBLISHED_QUERY.equals(name)) {
                throw new IllegalArgumentException("unknown query " + name + "; this workflow answers " + PUBLISHED_QUERY);
            }
            Sent value = published.get(args.get(0, String.class));
            return value == null ? new String[0] : new String[] {value.type(), value.json()};
        });
    }

    /**
     * Puts back what the run before left, when this run continues one; call before {@link #listen()},
     * so that a message sent since replaces the one carried over.
     */
    void restore(Map<String, Sent> messages, Map<String, Sent> published) {
        this.messages.putAll(messages);
        this.published.putAll(published);
    }

    /** The latest message under each key, a copy. */
    Map<String, Sent> messages() {
        return new LinkedHashMap<>(messages);
    }

    /** The latest published value under each key, a copy. */
    Map<String, Sent> published() {
        return new LinkedHashMap<>(published);
    }

    /** Whether a message was sent under {@code key}. */
    boolean hasMessage(String key) {
        return messages.containsKey(key);
    }

    /** The latest message under {@code key}, if any. */
    io.vavr.control.Option<Sent> message(String key) {
        return io.vavr.control.Option.of(messages.get(key));
    }

    /** Publishes {@code value} under {@code key}. */
    void publish(String key, Sent value) {
        published.put(key, value);
    }
}
