package dev.pureflow;

/**
 * An executor answered an action with a value of the wrong type. The message shows the action and
 * the answer as the run's {@link Redaction} renders them.
 */
public final class ResultTypeException extends RuntimeException {

    private final transient Action<?> action;
    private final Class<?> expected;
    private final transient Object actual;
    private transient volatile Redaction redaction = Redaction.DEFAULT;

    ResultTypeException(Action<?> action, Class<?> expected, Object actual) {
        super((String) null);
        this.action = action;
        this.expected = expected;
        this.actual = actual;
    }

    /** The action that got the wrong answer. */
    public Action<?> action() {
        return action;
    }

    @Override
    public String getMessage() {
        Redaction shown = redaction == null ? Redaction.DEFAULT : redaction; // null after deserialisation
        return "executor answered " + shown.render(action) + " with "
                + (actual == null ? "null" : actual.getClass().getName() + " (" + abbreviate(shown.render(actual)) + ")")
                + ", but the action declares a result of type " + expected.getName();
    }

    /** Renders with the run's policy from now on; called by the runner before the error reaches anyone. */
    void showWith(Redaction redaction) {
        this.redaction = redaction;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
