package dev.pureflow.examples.readme;

import dev.pureflow.Executor;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A world whose store hangs: a {@link Fetch} never answers until its thread is interrupted, a
 * {@link Greet} is written to a sink. For the README's cancellation and timeout snippets.
 */
final class Stuck {

    /** Counted down when a Fetch has started, so a test knows the action is in flight. */
    final CountDownLatch fetchStarted = new CountDownLatch(1);
    final Executor executor;

    Stuck(Consumer<String> out) {
        CountDownLatch never = new CountDownLatch(1);
        executor = Executor.of(Cmd.class, cmd -> switch (cmd) {
            case Fetch fetch -> {
                fetchStarted.countDown();
                never.await();
                yield List.of();
            }
            case Greet greet -> {
                out.accept("Hi, " + greet.name() + "!");
                yield null;
            }
        });
    }
}
