package dev.pureflow.examples.greeting;

import dev.pureflow.Action;
import java.util.List;

/**
 * The greeting example's actions: what its flows may ask the world to do. Plain data; the
 * {@link GreetingExecutor} decides what each one means.
 *
 * @param <R> the type of the value the action yields
 */
// README: actions
public sealed interface Cmd<R> extends Action<R> {

    /** Reads the names of the first {@code n} entries of {@code container}. */
    record Fetch(String container, int n) implements Cmd<List<String>> {}

    /** Greets {@code name}. */
    record Greet(String name) implements Cmd<Void> {}
}
// END README
