package dev.pureflow.examples.greeting;

import dev.pureflow.Executor;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The greeting example's world: a container of users {@code User0, User1, ...} and greetings
 * written as lines to a sink ({@code System.out::println} in {@link GreetingMain}, a list in tests).
 *
 * <p>Stateless; the executors it builds are thread-safe if their sink is.
 */
public final class GreetingExecutor {

    private GreetingExecutor() {}

    /**
     * An executor for {@link Cmd} that writes one line per action to {@code out}: a {@link Fetch}
     * writes {@code Fetching 3 from 'users'} and answers {@code User0..User2}; a {@link Greet}
     * writes {@code Hi, User0!}.
     *
     * @param out receives each line; called from several threads at once under
     *            {@link dev.pureflow.combinators.Combinators#parallelize}, so it must be thread-safe
     */
    // README: executor
    public static Executor printingTo(Consumer<String> out) {
        Objects.requireNonNull(out, "out");
        return Executor.of(Cmd.class, cmd -> switch (cmd) {
            case Fetch fetch -> {
                out.accept("Fetching " + fetch.n() + " from '" + fetch.container() + "'");
                yield IntStream.range(0, fetch.n()).mapToObj(i -> "User" + i).toList();
            }
            case Greet greet -> {
                out.accept("Hi, " + greet.name() + "!");
                yield null;
            }
        });
    }
    // END README
}
