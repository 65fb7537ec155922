package dev.pureflow.combinators;

import dev.pureflow.Action;

/** The small action family the combinator tests perform. */
sealed interface Task<R> extends Action<R> {

    /** Some work, answered with a string. */
    record Work(String name) implements Task<String> {}

    /** Work that may fail a few times before it succeeds. */
    record Flaky(String name) implements Task<String> {}

    /** Carries a secret that must never reach a log line. */
    record Login(String user, String password) implements Task<String> {}
}
