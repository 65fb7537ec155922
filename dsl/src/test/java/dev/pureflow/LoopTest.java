package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Either;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loops: tailRec, repeatWhile and repeatUntil. */
class LoopTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void tailRec_runs_the_step_until_it_yields_right() {
        Program<Integer> sumTo10 = Program.<int[], Integer>tailRec(new int[] {1, 0}, state -> Program.perform(new Cmd.Get(state[0]))
                .map(n -> n > 10 ? Either.right(state[1]) : Either.left(new int[] {n + 1, state[1] + n})));

        assertThat(runner.run(sumTo10)).isEqualTo(55);
        assertThat(world.performed).hasSize(11).startsWith(new Cmd.Get(1)).endsWith(new Cmd.Get(11));
    }

    @Test
    void tailRec_that_yields_right_at_once_runs_the_step_once() {
        Program<String> flow = Program.tailRec("start", s -> Program.perform(new Cmd.Echo(s)).map(Either::<String, String>right));

        assertThat(runner.run(flow)).isEqualTo("start");
        assertThat(world.performed).containsExactly(new Cmd.Echo("start"));
    }

    @Test
    void tailRec_stops_at_a_failing_step() {
        Program<Integer> flow = Program.tailRec(0, n -> n == 3
                ? Program.perform(new Cmd.Fails("at " + n)).map(Either::<Integer, Integer>right)
                : Program.perform(new Cmd.Get(n)).map(x -> Either.<Integer, Integer>left(x + 1)));

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("at 3");
        assertThat(world.performed).hasSize(4);
    }

    @Test
    void tailRec_turns_an_exception_of_the_step_function_into_a_failure() {
        Program<Integer> flow = Program.tailRec(0, n -> {
            if (n == 2) {
                throw new IllegalStateException("step broke at " + n);
            }
            return Program.pure(Either.left(n + 1));
        });

        assertThatThrownBy(() -> runner.run(flow)).hasMessage("step broke at 2");
    }

    @Test
    void tailRec_starts_from_the_initial_state_on_every_run() {
        Program<Integer> countTo3 = Program.tailRec(0, n -> Program.pure(n < 3 ? Either.left(n + 1) : Either.right(n)));

        assertThat(runner.run(countTo3)).isEqualTo(3);
        assertThat(runner.run(countTo3)).isEqualTo(3);
    }

    @Test
    void repeatWhile_runs_again_while_the_condition_holds_and_yields_the_last_value() {
        AtomicInteger counter = new AtomicInteger();
        Program<Integer> next = Program.defer(() -> Program.perform(new Cmd.Get(counter.incrementAndGet())));

        assertThat(runner.run(next.repeatWhile(n -> n < 5))).isEqualTo(5);
        assertThat(world.performed).containsExactly(
                new Cmd.Get(1), new Cmd.Get(2), new Cmd.Get(3), new Cmd.Get(4), new Cmd.Get(5));
    }

    @Test
    void repeatWhile_runs_at_least_once() {
        assertThat(runner.run(Program.perform(new Cmd.Get(9)).repeatWhile(n -> false))).isEqualTo(9);
        assertThat(world.performed).containsExactly(new Cmd.Get(9));
    }

    @Test
    void repeatUntil_runs_again_until_the_condition_holds_and_yields_that_value() {
        AtomicInteger counter = new AtomicInteger();
        Program<Integer> next = Program.defer(() -> Program.perform(new Cmd.Get(counter.incrementAndGet())));

        assertThat(runner.run(next.repeatUntil(n -> n % 4 == 0))).isEqualTo(4);
        assertThat(world.performed).hasSize(4);
    }

    @Test
    void repeat_stops_at_a_failure() {
        AtomicInteger counter = new AtomicInteger();
        Program<Integer> next = Program.defer(() -> counter.incrementAndGet() == 3
                ? Program.perform(new Cmd.Fails("third"))
                : Program.perform(new Cmd.Get(counter.get())));

        assertThatThrownBy(() -> runner.run(next.repeatUntil(n -> n > 100))).hasRootCauseMessage("third");
        assertThat(world.performed).hasSize(3);
    }
}
