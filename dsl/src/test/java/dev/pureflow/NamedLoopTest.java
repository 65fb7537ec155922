package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.state.Next;
import dev.pureflow.state.StateMachine;
import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Program#loop} and {@link Loop}: in-process a plain loop; to an interpreter that looks, a
 * {@link Program.Defer} of a loop whose state saves and restores, so the loop resumes from it.
 */
class NamedLoopTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void named_loop_runs_in_process_as_a_plain_loop_in_constant_stack() {
        Program<Integer> count = Program.loop("count", 0, n -> Program.pure(n < 200_000 ? Either.<Integer, Integer>left(n + 1) : Either.right(n)));

        assertThat(runner.run(count)).isEqualTo(200_000);
    }

    @Test
    void named_loop_is_a_defer_whose_thunk_is_the_loop_so_an_interpreter_can_find_it() {
        Program<Integer> count = Program.loop("count", 7, n -> Program.pure(Either.<Integer, Integer>right(n)));

        assertThat(count).isInstanceOf(Program.Defer.class);
        Loop<?, ?> loop = (Loop<?, ?>) (Object) ((Program.Defer<Integer>) count).thunk();
        assertThat(loop.name()).isEqualTo("count");
        assertThat(loop.initial()).isEqualTo(7);
        assertThat(loop).hasToString("Loop[count]");
    }

    @Test
    void loop_resumed_from_its_restored_state_ends_as_the_loop_that_never_stopped() {
        Loop<Integer, Integer> sum = Loop.of("sum", 1, (Integer n) -> Program.perform(new Cmd.Get(n))
                .map(got -> got < 10 ? Either.<Integer, Integer>left(got + 1) : Either.<Integer, Integer>right(got * 100)));
        Either<Integer, Integer> afterOne = runner.run(sum.iteration(sum.initial()));

        Integer restored = sum.restored(sum.saved(afterOne.getLeft()));

        assertThat(sum.saved(afterOne.getLeft())).containsExactly(2);
        assertThat(runner.run(sum.from(restored).program())).isEqualTo(runner.run(sum.program())).isEqualTo(1000);
    }

    @Test
    void state_machine_is_a_loop_whose_saved_state_is_the_previous_state_the_state_and_its_arguments() {
        StateMachine<String> machine = StateMachine.<String>builder()
                .state("a", args -> Program.pure(Next.to("b", (Integer) args.head() + 1, "x")))
                .state("b", args -> Program.perform(new Cmd.Get((Integer) args.head())).map(n -> Next.<String>end()))
                .transitions("a", "b")
                .build();
        @SuppressWarnings("unchecked")
        Loop<Object, String> loop = (Loop<Object, String>) (Object) ((Program.Defer<String>) machine.startingAt("a", 41)).thunk();

        assertThat(loop.saved(loop.initial())).containsExactly(null, "a", 41);
        Object enteringB = runner.run(loop.iteration(loop.initial())).getLeft();
        List<Object> saved = loop.saved(enteringB);
        assertThat(saved).containsExactly("a", "b", 42, "x");

        assertThat(runner.run(loop.from(loop.restored(saved)).program())).isEqualTo("b");
        assertThat(world.performed).containsExactly(new Cmd.Get(42));
    }

    @Test
    void loop_needs_a_name_that_is_not_blank_and_a_step() {
        assertThatThrownBy(() -> Program.loop(" ", 0, n -> Program.pure(Either.right(n))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a loop's name must not be blank");
        assertThatThrownBy(() -> Program.loop(null, 0, n -> Program.pure(Either.right(n))))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> Program.loop("x", 0, null)).isInstanceOf(NullPointerException.class).hasMessage("step");
    }

    @Test
    void a_save_function_that_returns_null_fails_naming_the_loop() {
        Loop<Integer, Integer> careless = Loop.<Integer, Integer>of("careless", 0, n -> Program.pure(Either.right(n)))
                .savedAs(state -> null, saved -> 0);

        assertThatThrownBy(() -> careless.saved(0)).isInstanceOf(NullPointerException.class)
                .hasMessage("loop careless saved its state as null instead of a list");
    }

    @Test
    void step_that_returns_null_fails_naming_the_loop() {
        Loop<Integer, Integer> broken = Loop.of("broken", 0, n -> null);

        assertThatThrownBy(() -> broken.iteration(0)).isInstanceOf(NullPointerException.class)
                .hasMessage("loop broken's step returned null instead of a program");
    }

    @Property(tries = 50)
    void named_loop_yields_what_tailRec_yields_and_performs_the_same_actions(@ForAll @IntRange(min = 0, max = 40) int rounds) {
        World named = new World();
        World plain = new World();
        java.util.function.Function<Integer, Program<Either<Integer, Integer>>> step = n -> Program.perform(new Cmd.Get(n))
                .map(got -> got < rounds ? Either.<Integer, Integer>left(got + 1) : Either.<Integer, Integer>right(got));

        assertThat(Runner.of(named.executor()).run(Program.loop("count", 0, step)))
                .isEqualTo(Runner.of(plain.executor()).run(Program.tailRec(0, step)));
        assertThat(named.performed).isEqualTo(plain.performed).hasSize(rounds + 1);
    }
}
