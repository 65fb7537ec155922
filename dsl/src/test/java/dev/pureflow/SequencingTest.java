package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Programs one after another: map, flatMap, andThen, sequence and traverse. */
class SequencingTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void map_applies_the_function_to_the_value() {
        int value = runner.run(Program.perform(new Cmd.Get(20)).map(n -> n * 2 + 2));

        assertThat(value).isEqualTo(42);
    }

    @Test
    void map_is_not_applied_when_the_flow_fails_and_a_throwing_function_fails_the_flow() {
        AtomicInteger applied = new AtomicInteger();
        Program<Integer> failing = Program.perform(new Cmd.Fails("no")).map(n -> applied.incrementAndGet());
        assertThat(runner.attempt(failing).getCause()).isInstanceOf(ActionFailedException.class);
        assertThat(applied).hasValue(0);

        Program<Integer> throwing = Program.pure(1).map(n -> {
            throw new ArithmeticException("mapped badly");
        });
        assertThatThrownBy(() -> runner.run(throwing)).isInstanceOf(ArithmeticException.class).hasMessage("mapped badly");
    }

    @Test
    void flatMap_runs_the_program_built_from_the_value_in_order() {
        Program<String> flow = Program.perform(new Cmd.Get(3))
                .flatMap(n -> Program.perform(new Cmd.Echo("got " + n)))
                .flatMap(text -> Program.perform(new Cmd.Note(text)).map(ignored -> text + "!"));

        assertThat(runner.run(flow)).isEqualTo("got 3!");
        assertThat(world.performed).containsExactly(new Cmd.Get(3), new Cmd.Echo("got 3"), new Cmd.Note("got 3"));
    }

    @Test
    void flatMap_stops_at_the_first_failed_step() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(n -> Program.perform(new Cmd.Fails("second")))
                .flatMap(n -> Program.perform(new Cmd.Get(3)));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("second");
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Fails("second"));
    }

    @Test
    void andThen_runs_the_next_program_and_discards_the_first_value() {
        Program<String> flow = Program.perform(new Cmd.Get(1)).andThen(Program.perform(new Cmd.Echo("second")));

        assertThat(runner.run(flow)).isEqualTo("second");
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Echo("second"));
    }

    @Test
    void andThen_does_not_run_the_next_program_after_a_failure() {
        Program<String> flow = Program.perform(new Cmd.Fails("first")).andThen(Program.perform(new Cmd.Echo("never")));

        assertThat(runner.attempt(flow).isFailure()).isTrue();
        assertThat(world.performed).containsExactly(new Cmd.Fails("first"));
    }

    @Test
    void sequence_runs_the_programs_one_after_another_and_yields_values_in_order() {
        Program<List<Integer>> flow = Program.sequence(List.of(
                Program.perform(new Cmd.Get(3)), Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2))));

        assertThat(runner.run(flow)).containsExactly(3, 1, 2);
        assertThat(world.performed).containsExactly(new Cmd.Get(3), new Cmd.Get(1), new Cmd.Get(2));
        assertThat(world.threads).as("one after another, on the run's own thread").hasSize(3).containsOnly(world.threads.get(0));
    }

    @Test
    void sequence_of_nothing_yields_an_empty_list() {
        assertThat(runner.run(Program.sequence(List.<Program<Integer>>empty()))).isEmpty();
    }

    @Test
    void traverse_builds_and_runs_one_program_per_item_in_order() {
        Program<List<String>> flow = Program.traverse(java.util.List.of("a", "b", "c"), s -> Program.perform(new Cmd.Echo(s + s)));

        assertThat(runner.run(flow)).containsExactly("aa", "bb", "cc");
        assertThat(world.performed).containsExactly(new Cmd.Echo("aa"), new Cmd.Echo("bb"), new Cmd.Echo("cc"));
    }

    @Test
    void traverse_stops_at_the_first_failing_item() {
        Program<List<Integer>> flow = Program.traverse(List.of(1, 2, 3),
                n -> n == 2 ? Program.perform(new Cmd.Fails("item " + n)) : Program.perform(new Cmd.Get(n)));

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("item 2");
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Fails("item 2"));
    }

    @Test
    void traverse_can_be_run_many_times_with_the_same_result() {
        Program<List<Integer>> flow = Program.traverse(List.range(0, 5), n -> Program.perform(new Cmd.Get(n * n)));

        assertThat(runner.run(flow)).containsExactly(0, 1, 4, 9, 16);
        assertThat(runner.run(flow)).containsExactly(0, 1, 4, 9, 16);
    }
}
