package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import io.vavr.control.Try;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Your own combinator" section. */
class OwnCombinatorReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void a_cache_is_one_expression_and_composes_with_the_built_ins() {
        // README: own-combinator
        Map<Action<?>, Object> cache = new ConcurrentHashMap<>();
        Combinator cachedFetches = Combinator.around((action, next) -> action instanceof Fetch
                ? cache.computeIfAbsent(action, fetch -> Try.of(() -> next.execute(fetch)).get())
                : next.execute(action));

        Executor cached = executor.with(cachedFetches).with(retried(RetryPolicy.DEFAULT));
        assertThat(Runner.of(cached).run(greetAll.andThen(greetAll))).isEqualTo(3);
        assertThat(lines).containsOnlyOnce("Fetching 3 from 'users'"); // the second Fetch was a cache hit
        // END README
        assertThat(lines).hasSize(7);
    }
}
