package dev.pureflow.interpreters.fake;

/**
 * A flow did not perform the steps its {@link ScriptedExecutor} expected: a different action, an
 * extra one, or fewer than scripted. The message shows the expected and actual actions and the
 * steps done so far.
 */
public final class ScriptMismatchException extends AssertionError {

    ScriptMismatchException(String message) {
        super(message);
    }
}
