package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.RecordingExecutor.Recorded;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecordingExecutorTest {

    sealed interface Cmd<R> extends Action<R> {}

    record Fetch(String container, int n) implements Cmd<List<String>> {}

    record Greet(String name) implements Cmd<Void> {}

    record Square(int n) implements Cmd<Integer> {}

    private final VirtualClock clock = VirtualClock.start();

    @Test
    void the_trace_holds_each_action_and_its_outcome_in_order() {
        IOException offline = new IOException("User1 is offline");
        FakeExecutor fake = FakeExecutor.builder()
                .answer(new Fetch("users", 2), List.of("User0", "User1"))
                .answer(new Greet("User0"), null)
                .fail(new Greet("User1"), offline)
                .build();
        RecordingExecutor recording = RecordingExecutor.wrapping(fake);

        Runner.of(recording).attempt(Program.perform(new Fetch("users", 2))
                .flatMap(users -> Program.traverse(users, name -> Program.perform(new Greet(name)))));

        assertThat(recording.trace()).containsExactly(
                new Recorded(new Fetch("users", 2), Try.success(List.of("User0", "User1"))),
                new Recorded(new Greet("User0"), Try.success(null)),
                new Recorded(new Greet("User1"), Try.failure(offline)));
        assertThat(recording.trace().last().outcome().getCause()).isSameAs(offline);
        assertThat(recording.actions()).containsExactly(new Fetch("users", 2), new Greet("User0"), new Greet("User1"));
    }

    @Test
    void the_flow_sees_the_wrapped_executor_answers_and_errors_unchanged() {
        IOException offline = new IOException("offline");
        RecordingExecutor recording = RecordingExecutor.wrapping(FakeExecutor.builder()
                .answer(new Square(3), 9)
                .fail(new Square(4), offline)
                .build());
        Runner runner = Runner.of(recording);

        assertThat(runner.run(Program.perform(new Square(3)))).isEqualTo(9);
        assertThatThrownBy(() -> runner.run(Program.perform(new Square(4))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isSameAs(offline);
    }

    @Test
    void errors_that_are_not_exceptions_are_recorded_too() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(new Greet("User0"), null).build();
        RecordingExecutor recording = RecordingExecutor.wrapping(script);

        Runner.of(recording).attempt(Program.perform(new Greet("User0")).andThen(Program.perform(new Greet("Mallory"))));

        assertThat(recording.actions()).containsExactly(new Greet("User0"), new Greet("Mallory"));
        assertThat(recording.trace().last().outcome().getCause()).isInstanceOf(ScriptMismatchException.class);
    }

    @Test
    void every_step_of_a_parallel_block_is_recorded_under_parallelize_8() {
        int branches = 1000;
        // a latency on the virtual clock wakes 8 workers at the same instant, so they record together
        FakeExecutor squares = FakeExecutor.builder()
                .on(Square.class, square -> square.n() * square.n())
                .latency(Duration.ofMillis(1), clock)
                .build();
        RecordingExecutor recording = RecordingExecutor.wrapping(squares.with(parallelize(8)));
        Runner runner = Runner.of(recording).with(options -> options.clock(clock));
        List<Integer> numbers = IntStream.range(0, branches).boxed().toList();

        for (int round = 1; round <= 10; round++) { // lost updates are a matter of luck: give them chances
            recording.clear();
            Duration before = clock.elapsed();

            var results = runner.run(Program.parTraverse(numbers, n -> Program.perform(new Square(n))));

            assertThat(results).containsExactlyElementsOf(numbers.stream().map(n -> n * n).toList());
            assertThat(recording.trace()).as("round %d", round).hasSize(branches);
            assertThat(recording.actions()).containsExactlyInAnyOrderElementsOf(numbers.stream().map(Square::new).toList());
            assertThat(recording.trace()).allSatisfy(recorded ->
                    assertThat(recorded.outcome().get()).isEqualTo(((Square) recorded.action()).n() * ((Square) recorded.action()).n()));
            assertThat(clock.elapsed().minus(before)).as("8 at a time").isEqualTo(Duration.ofMillis(branches / 8));
        }
    }

    @Test
    void the_wrapped_executor_parallelism_is_forwarded() {
        Executor base = Executor.of(Square.class, square -> square.n());

        assertThat(RecordingExecutor.wrapping(base).parallelism()).isEqualTo(1);
        assertThat(RecordingExecutor.wrapping(base.with(parallelize(8))).parallelism()).isEqualTo(8);
        assertThat(RecordingExecutor.wrapping(FakeExecutor.builder().parallelism(5).build()).parallelism()).isEqualTo(5);
    }

    @Test
    void clear_forgets_the_trace_so_far_and_recording_goes_on() {
        RecordingExecutor recording = RecordingExecutor.wrapping(Executor.of(Square.class, square -> square.n() * square.n()));
        Runner runner = Runner.of(recording);
        runner.run(Program.perform(new Square(2)).andThen(Program.perform(new Square(3))));

        recording.clear();
        assertThat(recording.trace()).isEmpty();

        runner.run(Program.perform(new Square(4)));
        assertThat(recording.trace()).containsExactly(new Recorded(new Square(4), Try.success(16)));
    }

    @Test
    void wrapping_nothing_is_rejected() {
        assertThatThrownBy(() -> RecordingExecutor.wrapping(null)).isInstanceOf(NullPointerException.class).hasMessage("delegate");
    }

    @Property(tries = 50)
    void a_sequential_flow_is_recorded_step_for_step_in_the_order_it_ran(
            @ForAll List<@IntRange(min = -1000, max = 1000) Integer> numbers) {
        RecordingExecutor recording = RecordingExecutor.wrapping(Executor.of(Square.class, square -> square.n() * square.n()));

        Runner.of(recording).run(Program.traverse(numbers, n -> Program.perform(new Square(n))));

        assertThat(recording.trace()).containsExactlyElementsOf(
                numbers.stream().map(n -> new Recorded(new Square(n), Try.success(n * n))).toList());
    }
}
