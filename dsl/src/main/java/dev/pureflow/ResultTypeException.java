package dev.pureflow;

/** An executor answered an action with a value of the wrong type. */
public final class ResultTypeException extends RuntimeException {

    private final transient Action<?> action;

    ResultTypeException(Action<?> action, Class<?> expected, Object actual) {
        super("executor answered " + action + " with "
                + (actual == null ? "null" : actual.getClass().getName() + " (" + abbreviate(actual) + ")")
                + ", but the action declares a result of type " + expected.getName());
        this.action = action;
    }

    /** The action that got the wrong answer. */
    public Action<?> action() {
        return action;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
