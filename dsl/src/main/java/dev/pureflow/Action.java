package dev.pureflow;

/**
 * Something a flow asks the world to do, whose answer has type {@code R}.
 *
 * <p>Declare actions as records in a sealed interface, one family per domain, so that an executor
 * written as an exhaustive {@code switch} is checked by the compiler:
 *
 * <pre>{@code
 * sealed interface Cmd<R> extends Action<R> {}
 * record Fetch(String container, int n) implements Cmd<List<String>> {}
 * record Greet(String name) implements Cmd<Void> {}
 * }</pre>
 *
 * <p>An action is plain data: it must not do anything itself. Keep its components serialisable
 * (records of strings, numbers, lists, other records) so that durable interpreters can journal it.
 * The runner checks every answer against {@code R} as declared on the record, so an executor that
 * answers with the wrong type fails with a {@link ResultTypeException} naming the action.
 * Actions whose result is {@code Void} are answered with {@code null}.
 *
 * @param <R> the type of the value the action yields
 */
public interface Action<R> {}
