package dev.pureflow;

/** The small action family the tests of this package perform; {@link World} carries it out. */
sealed interface Cmd<R> extends Action<R> {

    /** Answered with {@code n}. */
    record Get(int n) implements Cmd<Integer> {}

    /** Answered with {@code text}. */
    record Echo(String text) implements Cmd<String> {}

    /** Answered with nothing ({@code null}). */
    record Note(String text) implements Cmd<Void> {}

    /** Fails with {@code IllegalStateException(why)}. */
    record Fails(String why) implements Cmd<Integer> {}

    /** Blocks until its thread is interrupted; never answers. */
    record Block(String name) implements Cmd<String> {}

    /** Waits until the world's gate opens, then answers with {@code name}. */
    record Gate(String name) implements Cmd<String> {}
}
