package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Combinators compose in the order of wrapping; user combinators made with {@link Combinator#around} keep parallelism. */
class CombinatorTest {

    private final java.util.List<String> trace = new CopyOnWriteArrayList<>();
    private final Executor base = Executor.of(Cmd.class, cmd -> {
        trace.add("executor");
        return ((Cmd.Echo) cmd).text();
    });

    private Combinator tracing(String name) {
        return Combinator.around((action, next) -> {
            trace.add(name + " before");
            try {
                return next.execute(action);
            } finally {
                trace.add(name + " after");
            }
        });
    }

    @Test
    void the_combinator_applied_last_is_outermost_and_sees_the_action_first() {
        Executor executor = base.with(tracing("inner")).with(tracing("outer"));

        Runner.of(executor).run(Program.perform(new Cmd.Echo("x")));

        assertThat(trace).containsExactly("outer before", "inner before", "executor", "inner after", "outer after");
    }

    @Test
    void andThen_puts_the_second_combinator_around_the_first() {
        Executor executor = base.with(tracing("first").andThen(tracing("second")));

        Runner.of(executor).run(Program.perform(new Cmd.Echo("x")));

        assertThat(trace).containsExactly("second before", "first before", "executor", "first after", "second after");
    }

    @Test
    void around_can_change_the_answer_or_skip_the_executor() {
        Combinator shouting = Combinator.around((action, next) -> ((String) next.execute(action)).toUpperCase());
        Combinator cached = Combinator.around((action, next) -> "cached");

        String shouted = Runner.of(base.with(shouting)).run(Program.perform(new Cmd.Echo("hi")));
        String fromCache = Runner.of(base.with(cached)).run(Program.perform(new Cmd.Echo("hi")));

        assertThat(shouted).isEqualTo("HI");
        assertThat(fromCache).isEqualTo("cached");
        assertThat(trace).containsExactly("executor");
    }

    @Test
    void a_user_combinator_made_with_around_keeps_the_parallelism_and_branches_still_run_at_once() throws Exception {
        CyclicBarrier together = new CyclicBarrier(3);
        Executor meeting = Executor.of(Cmd.class, cmd -> {
            together.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS);
            return ((Cmd.Echo) cmd).text();
        });
        Executor executor = meeting.with(parallelize(3)).with(tracing("user"));

        List<String> values = Runner.of(executor).run(Program.parallel(List.of("a", "b", "c").map(s -> Program.perform(new Cmd.Echo(s)))));

        assertThat(executor.parallelism()).isEqualTo(3);
        assertThat(values).containsExactly("a", "b", "c");
        assertThat(trace).filteredOn("user before"::equals).hasSize(3);
    }

    @Test
    void a_combinator_that_fails_fails_the_action_with_its_context() {
        Combinator refusing = Combinator.around((action, next) -> {
            throw new SecurityException("not allowed: " + action);
        });

        assertThatThrownBy(() -> Runner.of(base.with(refusing)).run(Program.perform(new Cmd.Echo("x"))))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseInstanceOf(SecurityException.class)
                .hasRootCauseMessage("not allowed: Echo[text=x]");
        assertThat(trace).isEmpty();
    }

    @Test
    void a_combinator_returning_null_is_rejected() {
        assertThatThrownBy(() -> base.with(next -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("combinator returned null");
    }
}
