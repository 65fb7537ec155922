package dev.pureflow.interpreters.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedExecutorTest {

    sealed interface Cmd<R> extends Action<R> {}

    record Fetch(String container, int n) implements Cmd<List<String>> {}

    record Greet(String name) implements Cmd<Void> {}

    private static final Fetch FETCH = new Fetch("users", 2);
    private static final List<String> USERS = List.of("User0", "User1");

    /** Fetches the users and greets each, in order; yields how many were greeted. */
    private static final Program<Integer> GREET_ALL = Program.perform(FETCH)
            .flatMap(users -> Program.traverse(users, name -> Program.perform(new Greet(name))))
            .map(greeted -> greeted.size());

    private static ScriptedExecutor.Builder fullScript() {
        return ScriptedExecutor.builder()
                .expect(FETCH, USERS)
                .expect(new Greet("User0"), null)
                .expect(new Greet("User1"), null);
    }

    @Test
    void a_flow_that_performs_exactly_the_script_gets_the_scripted_answers_and_verifies() {
        try (ScriptedExecutor script = fullScript().build()) {
            int greeted = Runner.of(script).run(GREET_ALL);

            assertThat(greeted).isEqualTo(2);
            assertThat(script.performed()).containsExactly(FETCH, new Greet("User0"), new Greet("User1"));
        }
    }

    @Test
    void a_direct_style_flow_is_checked_against_the_script_like_a_monadic_one() {
        try (ScriptedExecutor script = fullScript().build()) {
            int greeted = Runner.of(script).run(Program.direct(flow -> {
                List<String> users = flow.perform(FETCH);
                users.forEach(name -> flow.perform(new Greet(name)));
                return users.size();
            }));

            assertThat(greeted).isEqualTo(2);
        }
    }

    @Test
    void a_different_action_fails_the_step_showing_expected_actual_and_the_steps_done_so_far() {
        ScriptedExecutor script = fullScript().build();
        Program<Integer> greetsInReverse = Program.perform(FETCH)
                .flatMap(users -> Program.perform(new Greet(users.get(1))))
                .map(ignored -> 1);

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> Runner.of(script).run(greetsInReverse));

        assertThat(failed.action()).isEqualTo(new Greet("User1"));
        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                step 2 was expected to be
                    Greet[name=User0]
                  but the flow performed
                    Greet[name=User1]
                steps done so far:
                    1. Fetch[container=users, n=2]""");
        assertThat(script.performed()).containsExactly(FETCH);
    }

    @Test
    void verify_reports_a_mismatch_even_when_the_flow_recovered_from_it() {
        ScriptedExecutor script = fullScript().build();
        Program<Integer> swallowsEverything = Program.perform(FETCH)
                .flatMap(users -> Program.perform(new Greet("Mallory")))
                .map(ignored -> 1)
                .recover(error -> -1);

        int value = Runner.of(script).run(swallowsEverything);

        assertThat(value).isEqualTo(-1);
        assertThatThrownBy(script::verify)
                .isInstanceOf(ScriptMismatchException.class)
                .hasMessageContaining("Greet[name=User0]")
                .hasMessageContaining("Greet[name=Mallory]");
    }

    @Test
    void an_extra_step_beyond_the_script_fails_naming_it() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(FETCH, USERS).build();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> Runner.of(script).run(GREET_ALL));

        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                unexpected extra step Greet[name=User0]: the script has only 1 steps
                steps done so far:
                    1. Fetch[container=users, n=2]""");
        assertThatThrownBy(script::close).isSameAs(failed.getCause());
    }

    @Test
    void an_empty_script_says_no_steps_were_done_when_the_first_step_is_extra() throws Exception {
        ScriptedExecutor empty = ScriptedExecutor.builder().build();

        assertThatThrownBy(() -> empty.execute(FETCH))
                .isInstanceOf(ScriptMismatchException.class)
                .hasMessage("unexpected extra step Fetch[container=users, n=2]: the script has only 0 steps\nsteps done so far: none");
    }

    @Test
    void leftover_scripted_steps_fail_close_at_the_end_of_try_with_resources() {
        assertThatThrownBy(() -> {
            try (ScriptedExecutor script = fullScript().build()) {
                Runner.of(script).run(Program.perform(FETCH));
            }
        }).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                2 scripted step(s) were not performed:
                    Greet[name=User0]
                    Greet[name=User1]
                steps done so far:
                    1. Fetch[container=users, n=2]""");
    }

    @Test
    void leftover_steps_fail_verify_until_they_are_performed() {
        ScriptedExecutor script = fullScript().build();
        Runner runner = Runner.of(script);

        runner.run(Program.perform(FETCH));
        assertThatThrownBy(script::verify).isInstanceOf(ScriptMismatchException.class).hasMessageStartingWith("2 scripted step(s)");

        runner.run(Program.perform(new Greet("User0")).andThen(Program.perform(new Greet("User1"))));
        assertThatCode(script::verify).doesNotThrowAnyException();
    }

    @Test
    void an_expected_failure_surfaces_as_an_error_the_flow_can_recover_from() {
        IllegalStateException offline = new IllegalStateException("User1 is offline");
        try (ScriptedExecutor script = ScriptedExecutor.builder()
                .expect(FETCH, USERS)
                .expect(new Greet("User0"), null)
                .expectFailure(new Greet("User1"), offline)
                .build()) {
            Program<io.vavr.collection.List<String>> greetEachOrExplain = Program.perform(FETCH)
                    .flatMap(users -> Program.traverse(users, name -> Program.perform(new Greet(name))
                            .map(done -> "greeted " + name)
                            .recover(error -> "skipped " + name + ": " + error.getCause().getMessage())));

            var outcomes = Runner.of(script).run(greetEachOrExplain);

            assertThat(outcomes).containsExactly("greeted User0", "skipped User1: User1 is offline");
            assertThat(script.performed()).containsExactly(FETCH, new Greet("User0"), new Greet("User1"));
        }
    }

    @Test
    void the_class_javadoc_example_runs_with_a_checked_scripted_failure() {
        // the example from ScriptedExecutor's Javadoc, as written there
        Program<Integer> flow = GREET_ALL;
        Try<Integer> outcome;
        try (ScriptedExecutor script = ScriptedExecutor.builder()
                .expect(new Fetch("users", 2), List.of("User0", "User1"))
                .expect(new Greet("User0"), null)
                .expectFailure(new Greet("User1"), new IOException("offline"))
                .build()) {
            outcome = Runner.of(script).attempt(flow);
        }

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("offline");
    }

    @Test
    void an_expected_failure_that_is_not_recovered_fails_the_run_with_that_error_as_cause() {
        IllegalStateException offline = new IllegalStateException("offline");
        ScriptedExecutor script = ScriptedExecutor.builder().expectFailure(FETCH, offline).build();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> Runner.of(script).run(GREET_ALL));

        assertThat(failed.getCause()).isSameAs(offline);
        assertThatCode(script::verify).as("the failure was scripted, so the script is satisfied").doesNotThrowAnyException();
    }

    @Test
    void performed_lists_the_steps_done_so_far_in_order() throws Exception {
        ScriptedExecutor script = fullScript().build();
        assertThat(script.performed()).isEmpty();

        script.execute(FETCH);
        script.execute(new Greet("User0"));

        assertThat(script.performed()).containsExactly(FETCH, new Greet("User0"));
    }

    @Test
    void the_builder_rejects_missing_actions_and_errors() {
        assertThatThrownBy(() -> ScriptedExecutor.builder().expect(null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> ScriptedExecutor.builder().expectFailure(FETCH, null))
                .isInstanceOf(NullPointerException.class).hasMessage("error");
    }
}
