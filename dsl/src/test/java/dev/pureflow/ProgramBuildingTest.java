package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The primitive programs: pure, perform, fail and defer, and that building a program does nothing. */
class ProgramBuildingTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void pure_yields_its_value_without_performing_anything() {
        assertThat(runner.run(Program.pure("value"))).isEqualTo("value");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void pure_null_is_a_value_for_void_programs() {
        Program<Void> nothing = Program.pure(null);

        assertThat(runner.attempt(nothing).isSuccess()).isTrue();
        assertThat(runner.run(nothing)).isNull();
    }

    @Test
    void perform_hands_the_action_to_the_executor_and_yields_its_answer() {
        assertThat(runner.run(Program.perform(new Cmd.Echo("hello")))).isEqualTo("hello");
        assertThat(world.performed).containsExactly(new Cmd.Echo("hello"));
    }

    @Test
    void building_a_program_performs_nothing_and_each_run_performs_again() {
        Program<Integer> twice = Program.perform(new Cmd.Get(1)).flatMap(a -> Program.perform(new Cmd.Get(a + 1)));
        assertThat(world.performed).isEmpty();

        assertThat(runner.run(twice)).isEqualTo(2);
        assertThat(runner.run(twice)).isEqualTo(2);

        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Get(2), new Cmd.Get(1), new Cmd.Get(2));
    }

    @Test
    void fail_with_an_unchecked_error_throws_it_as_it_is() {
        IllegalArgumentException error = new IllegalArgumentException("bad input");

        assertThatThrownBy(() -> runner.run(Program.fail(error))).isSameAs(error);
        assertThat(runner.attempt(Program.<Integer>fail(error)).getCause()).isSameAs(error);
    }

    @Test
    void fail_with_a_checked_error_is_wrapped_in_flow_failed_exception_by_run_but_not_by_attempt() {
        IOException error = new IOException("disk gone");

        assertThatThrownBy(() -> runner.run(Program.fail(error)))
                .isInstanceOf(FlowFailedException.class)
                .hasCause(error)
                .hasMessageContaining("disk gone");
        assertThat(runner.attempt(Program.fail(error)).getCause()).isSameAs(error);
    }

    @Test
    void fail_stops_the_flow_so_later_steps_are_not_performed() {
        Program<Integer> flow = Program.<Integer>fail(new IllegalStateException("stop"))
                .flatMap(x -> Program.perform(new Cmd.Get(x)));

        assertThatThrownBy(() -> runner.run(flow)).hasMessage("stop");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void defer_builds_the_program_only_when_the_run_reaches_it_and_again_on_each_run() {
        AtomicInteger built = new AtomicInteger();
        Program<Integer> deferred = Program.defer(() -> Program.pure(built.incrementAndGet()));
        assertThat(built).hasValue(0);

        assertThat(runner.run(deferred)).isEqualTo(1);
        assertThat(runner.run(deferred)).isEqualTo(2);
        assertThat(built).hasValue(2);
    }

    @Test
    void defer_turns_an_exception_of_its_thunk_into_a_failure_of_the_flow() {
        IllegalStateException thrown = new IllegalStateException("thunk broke");
        Program<Integer> deferred = Program.defer(() -> {
            throw thrown;
        });

        assertThat(runner.attempt(deferred).getCause()).isSameAs(thrown);
        assertThat(runner.run(deferred.recover(error -> -1))).isEqualTo(-1);
    }

    @Test
    void defer_is_not_evaluated_when_an_earlier_step_fails() {
        AtomicInteger built = new AtomicInteger();
        Program<Integer> flow = Program.<Integer>fail(new IllegalStateException("first"))
                .andThen(Program.defer(() -> Program.pure(built.incrementAndGet())));

        assertThat(runner.attempt(flow).isFailure()).isTrue();
        assertThat(built).hasValue(0);
    }

    @Test
    void a_flow_function_that_returns_null_fails_the_flow_with_a_clear_message() {
        Program<Integer> flow = Program.pure(1).flatMap(x -> null);

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned null instead of a Program");
    }
}
