package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Try;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Handling failures inside a flow: recover, recoverWith and attempt. */
class RecoveryTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void recover_turns_a_failed_action_into_a_value_and_sees_the_error_with_context() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Program<Integer> flow = Program.perform(new Cmd.Fails("nope")).recover(error -> {
            seen.set(error);
            return -1;
        });

        assertThat(runner.run(flow)).isEqualTo(-1);
        assertThat(seen.get())
                .isInstanceOf(ActionFailedException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("nope");
        assertThat(((ActionFailedException) seen.get()).action()).isEqualTo(new Cmd.Fails("nope"));
    }

    @Test
    void recover_is_not_called_on_success() {
        Program<Integer> flow = Program.perform(new Cmd.Get(5)).recover(error -> {
            throw new AssertionError("handler called on success");
        });

        assertThat(runner.run(flow)).isEqualTo(5);
    }

    @Test
    void recover_lets_the_flow_continue_after_the_failure() {
        Program<String> flow = Program.perform(new Cmd.Fails("x"))
                .recover(error -> 7)
                .flatMap(n -> Program.perform(new Cmd.Echo("after " + n)));

        assertThat(runner.run(flow)).isEqualTo("after 7");
        assertThat(world.performed).containsExactly(new Cmd.Fails("x"), new Cmd.Echo("after 7"));
    }

    @Test
    void a_handler_that_throws_fails_the_flow_with_its_own_error() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("first")).recover(error -> {
            throw new IllegalArgumentException("handler broke");
        });

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(IllegalArgumentException.class).hasMessage("handler broke");
    }

    @Test
    void recoverWith_runs_the_program_the_handler_builds() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("primary"))
                .recoverWith(error -> Program.perform(new Cmd.Get(99)));

        assertThat(runner.run(flow)).isEqualTo(99);
        assertThat(world.performed).containsExactly(new Cmd.Fails("primary"), new Cmd.Get(99));
    }

    @Test
    void recoverWith_can_fail_again_with_a_new_error() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("primary"))
                .recoverWith(error -> Program.perform(new Cmd.Fails("fallback")));

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("fallback");
    }

    @Test
    void recover_handles_only_failures_inside_its_body() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .recover(error -> -1)
                .flatMap(n -> Program.perform(new Cmd.Fails("outside")));

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("outside");
    }

    @Test
    void nested_recovers_handle_the_innermost_failure_first() {
        Program<String> flow = Program.perform(new Cmd.Fails("deep"))
                .map(Object::toString)
                .recoverWith(error -> Program.fail(new IllegalStateException("rethrown: " + error.getCause().getMessage())))
                .recover(error -> "outer saw " + error.getMessage());

        assertThat(runner.run(flow)).isEqualTo("outer saw rethrown: deep");
    }

    @Test
    void attempt_yields_success_with_the_value() {
        Try<Integer> tried = runner.run(Program.perform(new Cmd.Get(4)).attempt());

        assertThat(tried.isSuccess()).isTrue();
        assertThat(tried.get()).isEqualTo(4);
    }

    @Test
    void attempt_yields_the_failure_as_a_value_the_flow_can_inspect() {
        Program<String> flow = Program.perform(new Cmd.Fails("broken"))
                .attempt()
                .map(tried -> tried.isFailure() ? "failed: " + tried.getCause().getCause().getMessage() : "ok");

        assertThat(runner.run(flow)).isEqualTo("failed: broken");
    }

    @Test
    void attempt_keeps_the_flow_going_after_the_failure() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("a"))
                .attempt()
                .flatMap(tried -> Program.perform(new Cmd.Get(tried.isFailure() ? 1 : 2)));

        assertThat(runner.run(flow)).isEqualTo(1);
    }
}
