package dev.pureflow;

import java.util.Objects;

/**
 * A message sent into a run, or a value a run published, was read as a type it does not have: a
 * {@link BuiltIn.ReadMessage} or {@link BuiltIn.AwaitMessage} step fails with it (as the cause of
 * its {@link ActionFailedException}), and {@link RunHandle#published(String, Class)} throws it. The
 * message names the key, the type asked for and the type found, never the value (it may be a
 * secret). Other readers of keyed values (the lifecycle frames' maps, the Temporal interpreter's
 * mailbox) throw it too, through its public constructors. Immutable.
 */
public final class MessageTypeException extends ClassCastException {

    private final String what;
    private final String key;
    private final transient Class<?> expected;
    private final transient Class<?> actual;

    /**
     * For any reader of keyed values (a frame's map, another interpreter's mailbox): the message
     * reads {@code the value under key "K" is a A, not the E it was read as}.
     *
     * @param key      the key the value was read under
     * @param expected the type the reader asked for
     * @param actual   the type of the value found (its class: never the value, which may be a secret)
     */
    public MessageTypeException(String key, Class<?> expected, Class<?> actual) {
        this("value", key, expected, actual);
    }

    /**
     * As {@link #MessageTypeException(String, Class, Class)}, naming what was read:
     * {@code the <what> under key "K" is a ...}.
     *
     * @param what     what the value is, for the message ({@code message}, {@code value in the request map of frame 'f'})
     * @param key      the key the value was read under
     * @param expected the type the reader asked for
     * @param actual   the type of the value found (never the value)
     */
    public MessageTypeException(String what, String key, Class<?> expected, Class<?> actual) {
        super("the " + Objects.requireNonNull(what, "what") + " under key \"" + Objects.requireNonNull(key, "key")
                + "\" is a " + Objects.requireNonNull(actual, "actual").getName() + ", not the "
                + Objects.requireNonNull(expected, "expected").getName() + " it was read as");
        this.what = what;
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    /** What was read, as the message names it ({@code message}, {@code published value}, {@code value}). */
    public String what() {
        return what;
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
