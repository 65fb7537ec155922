package dev.pureflow.examples.readme;

import dev.pureflow.Action;

/**
 * A second action family, for the README's routing and redaction snippets.
 *
 * @param <R> the type of the value the action yields
 */
// README: account
sealed interface Account<R> extends Action<R> {
    record Login(String user, String password) implements Account<String> {}
}
// END README
