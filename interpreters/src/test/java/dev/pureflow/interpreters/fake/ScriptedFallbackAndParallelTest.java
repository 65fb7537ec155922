package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A script that names only the interesting calls and hands the rest to a fallback, and a script
 * that requires steps to run in one parallel block.
 */
class ScriptedFallbackAndParallelTest {

    sealed interface Cmd<R> extends Action<R> {}

    record Fetch(String container) implements Cmd<List<String>> {}

    record Greet(String name) implements Cmd<Void> {}

    record Audit(String what) implements Cmd<String> {}

    private final List<Action<?>> faked = new CopyOnWriteArrayList<>();

    /** Answers any Audit, keeping what it saw. */
    private final Executor audits = Executor.of(Cmd.class, cmd -> {
        faked.add(cmd);
        return cmd instanceof Audit audit ? "audited " + audit.what() : null;
    });

    private static Program<Void> greet(String name) {
        return Program.perform(new Greet(name));
    }

    private static Runner runnerOf(ScriptedExecutor script, int parallelism) {
        return Runner.of(script.with(parallelize(parallelism))).with(options -> options.listener(script.listener()));
    }

    // ---------------------------------------------------------------------------------------------
    // Fallback

    @Test
    void a_fallback_takes_the_unscripted_actions_while_the_scripted_ones_are_checked_in_order() {
        Program<String> flow = Program.perform(new Audit("start"))
                .andThen(Program.perform(new Fetch("users")))
                .flatMap(users -> Program.perform(new Audit("fetched " + users.size())))
                .flatMap(audited -> greet("Ada").map(done -> audited));
        try (ScriptedExecutor script = ScriptedExecutor.builder()
                .expect(new Fetch("users"), List.of("Ada"))
                .expect(new Greet("Ada"), null)
                .fallback(audits)
                .build()) {
            assertThat(Runner.of(script).run(flow)).isEqualTo("audited fetched 1");
            assertThat(script.performed()).containsExactly(new Fetch("users"), new Greet("Ada"));
            assertThat(faked).containsExactly(new Audit("start"), new Audit("fetched 1"));
        }
    }

    @Test
    void a_scripted_action_out_of_its_turn_is_a_mismatch_even_with_a_fallback() {
        ScriptedExecutor script = ScriptedExecutor.builder()
                .expect(new Fetch("users"), List.of("Ada"))
                .expect(new Greet("Ada"), null)
                .fallback(audits)
                .build();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> Runner.of(script).run(greet("Ada")));

        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                step 1 was expected to be
                    Fetch[container=users]
                  but the flow performed
                    Greet[name=Ada]
                steps done so far: none""");
        assertThat(faked).isEmpty();
    }

    @Test
    void scripted_steps_left_over_fail_verify_even_when_the_fallback_did_the_rest() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(new Fetch("users"), List.of()).fallback(audits).build();

        Runner.of(script).run(Program.perform(new Audit("only")));

        assertThat(faked).containsExactly(new Audit("only"));
        assertThatThrownBy(script::verify).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                1 scripted step(s) were not performed:
                    Fetch[container=users]
                steps done so far: none""");
    }

    @Test
    void without_a_fallback_an_unscripted_action_is_a_mismatch_naming_it() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(new Fetch("users"), List.of()).build();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> Runner.of(script).run(Program.perform(new Audit("x"))));

        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class)
                .hasMessageContaining("was expected to be\n    Fetch[container=users]\n  but the flow performed\n    Audit[what=x]");
    }

    @Test
    void an_action_the_fallback_does_not_handle_fails_with_its_unhandled_error() {
        ScriptedExecutor script = ScriptedExecutor.builder().fallback(Executor.of(Fetch.class, fetch -> List.of())).build();

        assertThatThrownBy(() -> Runner.of(script).run(Program.perform(new Audit("x"))))
                .cause().isInstanceOf(UnhandledActionException.class).hasMessageContaining("Audit[what=x]");
        assertThatCode(script::verify).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------------------------------------
    // Parallel blocks

    private static ScriptedExecutor greetingsInParallel() {
        return ScriptedExecutor.builder()
                .expect(new Fetch("users"), List.of("Ada", "Grace"))
                .expectParallel(block -> block.expect(new Greet("Ada"), null).expect(new Greet("Grace"), null))
                .build();
    }

    private static final Program<Integer> GREET_ALL_IN_PARALLEL = Program.perform(new Fetch("users"))
            .flatMap(users -> Program.parallel(users.stream().map(ScriptedFallbackAndParallelTest::greet).toList()))
            .map(greeted -> greeted.size());

    @Test
    void steps_expected_in_parallel_pass_when_each_runs_in_a_branch_of_one_block() {
        for (int parallelism : List.of(1, 2)) {
            try (ScriptedExecutor script = greetingsInParallel()) {
                assertThat(runnerOf(script, parallelism).run(GREET_ALL_IN_PARALLEL)).isEqualTo(2);
                assertThat(script.performed()).hasSize(3).startsWith(new Fetch("users"))
                        .contains(new Greet("Ada"), new Greet("Grace"));
            }
        }
    }

    @Test
    void parallel_steps_match_in_any_order_among_themselves() {
        Program<?> reversed = Program.perform(new Fetch("users")).andThen(Program.parallel(greet("Grace"), greet("Ada")));
        try (ScriptedExecutor script = greetingsInParallel()) {
            runnerOf(script, 1).run(reversed);
            assertThat(script.performed()).containsExactly(new Fetch("users"), new Greet("Grace"), new Greet("Ada"));
        }
    }

    @Test
    void steps_expected_in_parallel_fail_when_they_run_one_after_another() {
        Program<?> sequential = Program.perform(new Fetch("users")).andThen(greet("Ada")).andThen(greet("Grace"));
        ScriptedExecutor script = greetingsInParallel();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> runnerOf(script, 2).run(sequential));

        assertThat(failed.action()).isEqualTo(new Greet("Grace"));
        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                the steps scripted to run in one parallel block did not each run in a branch of their own:
                    Greet[name=Ada] ran in main
                    Greet[name=Grace] ran in main
                steps done so far:
                    1. Fetch[container=users]
                    2. Greet[name=Ada]""");
        assertThatThrownBy(script::verify).isSameAs(failed.getCause());
    }

    @Test
    void steps_expected_in_one_block_fail_when_they_share_a_branch_of_it() {
        Program<?> sharing = Program.perform(new Fetch("users"))
                .andThen(Program.parallel(greet("Ada").andThen(greet("Grace")), Program.pure(null)));
        ScriptedExecutor script = greetingsInParallel();

        assertThatThrownBy(() -> runnerOf(script, 2).run(sharing)).cause().isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("""
                        the steps scripted to run in one parallel block did not each run in a branch of their own:
                            Greet[name=Ada] ran in main/1/0
                            Greet[name=Grace] ran in main/1/0""");
    }

    @Test
    void steps_of_two_blocks_one_after_another_do_not_pass_for_one_block() {
        Program<?> twoBlocks = Program.perform(new Fetch("users"))
                .andThen(Program.parallel(greet("Ada"), Program.pure(null)))
                .andThen(Program.parallel(greet("Grace"), Program.pure(null)));
        ScriptedExecutor script = greetingsInParallel();

        assertThatThrownBy(() -> runnerOf(script, 2).run(twoBlocks)).cause().isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("""
                        the steps scripted to run in one parallel block did not each run in a branch of their own:
                            Greet[name=Ada] ran in main/1/0
                            Greet[name=Grace] ran in main/2/0""");
    }

    @Test
    void steps_in_nested_blocks_count_as_branches_of_the_outer_block() {
        Program<?> nested = Program.perform(new Fetch("users"))
                .andThen(Program.parallel(Program.parallel(greet("Ada"), Program.pure(null)).map(both -> "nested"), greet("Grace").map(done -> "flat")));
        try (ScriptedExecutor script = greetingsInParallel()) {
            assertThatCode(() -> runnerOf(script, 2).run(nested)).doesNotThrowAnyException();
        }
    }

    @Test
    void an_action_outside_the_expected_block_is_a_mismatch_naming_the_remaining_parallel_steps() {
        Program<?> other = Program.perform(new Fetch("users")).andThen(Program.parallel(greet("Ada"), greet("Linus")));
        ScriptedExecutor script = greetingsInParallel();

        assertThatThrownBy(() -> runnerOf(script, 1).run(other)).cause().isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("""
                        step 3 was expected to be one of the parallel steps
                            Greet[name=Grace]
                          but the flow performed
                            Greet[name=Linus]""");
    }

    @Test
    void a_parallel_expectation_without_the_scripts_listener_fails_saying_how_to_give_it() {
        ScriptedExecutor script = greetingsInParallel();

        assertThatThrownBy(() -> Runner.of(script).run(GREET_ALL_IN_PARALLEL)).cause().isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("step 2 Greet[name=Ada] is scripted to run in a parallel block, but the script cannot see "
                        + "where it ran: give the run the script's listener, options.listener(script.listener())");
    }

    @Test
    void a_block_half_performed_leaves_its_other_steps_over() {
        Program<?> half = Program.perform(new Fetch("users")).andThen(Program.parallel(greet("Grace"), Program.pure(null)));
        ScriptedExecutor script = greetingsInParallel();

        runnerOf(script, 1).run(half);

        assertThatThrownBy(script::verify).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                1 scripted step(s) were not performed:
                    Greet[name=Ada]
                steps done so far:
                    1. Fetch[container=users]
                    2. Greet[name=Grace]""");
    }

    @Test
    void an_expected_failure_in_a_parallel_block_fails_its_branch() {
        try (ScriptedExecutor script = ScriptedExecutor.builder()
                .expectParallel(block -> block.expect(new Greet("Ada"), null).expectFailure(new Greet("Grace"), new IOException("away")))
                .build()) {
            assertThatThrownBy(() -> runnerOf(script, 1).run(Program.parallel(greet("Ada"), greet("Grace"))))
                    .cause().isInstanceOf(IOException.class).hasMessage("away");
        }
    }

    @Test
    void a_parallel_expectation_needs_two_steps_or_more() {
        assertThatThrownBy(() -> ScriptedExecutor.builder().expectParallel(block -> block.expect(new Greet("Ada"), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a parallel block needs at least two scripted steps, got 1");
        assertThatThrownBy(() -> ScriptedExecutor.builder().expectParallel(block -> null))
                .isInstanceOf(NullPointerException.class).hasMessage("steps returned null");
        assertThatThrownBy(() -> ScriptedExecutor.builder().fallback(null)).isInstanceOf(NullPointerException.class).hasMessage("fallback");
    }

    @Property(tries = 60)
    void greetings_in_any_order_pass_in_one_block_at_any_parallelism_and_fail_one_after_another(
            @ForAll @IntRange(min = 2, max = 5) int people, @ForAll @IntRange(min = 1, max = 4) int parallelism, @ForAll long seed) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            names.add("User" + i);
        }
        List<String> performedOrder = new ArrayList<>(names);
        Collections.shuffle(performedOrder, new Random(seed));
        ScriptedExecutor.Builder builder = ScriptedExecutor.builder().expectParallel(block -> {
            ScriptedExecutor.ParallelSteps steps = block;
            for (String name : names) {
                steps = steps.expect(new Greet(name), null);
            }
            return steps;
        });

        ScriptedExecutor parallel = builder.build();
        runnerOf(parallel, parallelism).run(Program.parallel(performedOrder.stream().map(ScriptedFallbackAndParallelTest::greet).toList()));
        assertThatCode(parallel::verify).doesNotThrowAnyException();

        ScriptedExecutor sequential = builder.build();
        runnerOf(sequential, parallelism).attempt(Program.traverse(performedOrder, ScriptedFallbackAndParallelTest::greet));
        assertThatThrownBy(sequential::verify).isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("the steps scripted to run in one parallel block did not each run in a branch of their own");
    }
}
