package dev.pureflow;

import java.util.Objects;

/**
 * A message sent into a run, or a value a run published, was read as a type it does not have: a
 * {@link BuiltIn.ReadMessage} or {@link BuiltIn.AwaitMessage} step fails with it (as the cause of
 * its {@link ActionFailedException}), and {@link RunHandle#published(String, Class)} throws it. The
 * message names the key, the type asked for and the type found, never the value (it may be a
 * secret). Immutable.
 */
public final class MessageTypeException extends ClassCastException {

    private final String key;
    private final transient Class<?> expected;
    private final transient Class<?> actual;

    MessageTypeException(String what, String key, Class<?> expected, Class<?> actual) {
        super("the " + what + " under key \"" + key + "\" is a " + actual.getName() + ", not the "
                + expected.getName() + " it was read as");
        this.key = Objects.requireNonNull(key, "key");
        this.expected = expected;
        this.actual = actual;
    }

    /** The key the value was read under. */
    public String key() {
        return key;
    }

    /** The type the reader asked for. */
    public Class<?> expected() {
        return expected;
    }

    /** The type of the value found under the key. */
    public Class<?> actual() {
        return actual;
    }
}
