package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Flows written in direct style with {@link Program#direct}: straight-line code over a {@link Flow} handle. */
class DirectStyleTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void perform_returns_typed_answers_to_straight_line_code() {
        Program<String> flow = Program.direct(f -> {
            int n = f.perform(new Cmd.Get(2));
            String text = f.perform(new Cmd.Echo("n=" + n));
            f.perform(new Cmd.Note(text));
            return text + "!";
        });

        assertThat(runner.run(flow)).isEqualTo("n=2!");
        assertThat(world.performed).containsExactly(new Cmd.Get(2), new Cmd.Echo("n=2"), new Cmd.Note("n=2"));
    }

    @Test
    void loops_and_ifs_decide_which_actions_are_performed() {
        Program<Integer> flow = Program.direct(f -> {
            int sum = 0;
            for (int i = 1; i <= 5; i++) {
                if (i % 2 == 1) {
                    sum += f.perform(new Cmd.Get(i));
                }
            }
            return sum;
        });

        assertThat(runner.run(flow)).isEqualTo(9);
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Get(3), new Cmd.Get(5));
    }

    @Test
    void a_failed_action_is_thrown_at_the_perform_and_try_catch_around_it_works() {
        Program<String> flow = Program.direct(f -> {
            try {
                f.perform(new Cmd.Fails("first try"));
                return "not reached";
            } catch (ActionFailedException failed) {
                return f.perform(new Cmd.Echo("caught " + failed.getCause().getMessage() + " at " + failed.action()));
            }
        });

        assertThat(runner.run(flow)).isEqualTo("caught first try at Fails[why=first try]");
    }

    @Test
    void an_uncaught_failure_fails_the_flow_with_the_action_context() {
        Program<Integer> flow = Program.direct(f -> {
            f.perform(new Cmd.Get(1));
            return f.perform(new Cmd.Fails("unhandled"));
        });

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("unhandled")
                .satisfies(error -> assertThat(((ActionFailedException) error).before()).containsExactly(new Cmd.Get(1)));
    }

    @Test
    void a_checked_exception_thrown_by_the_body_fails_the_flow() {
        IOException thrown = new IOException("body gave up");
        Program<Integer> flow = Program.direct(f -> {
            f.perform(new Cmd.Get(1));
            throw thrown;
        });

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(FlowFailedException.class).hasCause(thrown);
        assertThat(runner.attempt(flow).getCause()).isSameAs(thrown);
    }

    @Test
    void a_checked_failure_of_a_sub_program_reaches_the_body_wrapped_in_flow_failed_exception() {
        IOException checked = new IOException("checked");
        Program<String> flow = Program.direct(f -> {
            try {
                return f.run(Program.<String>fail(checked));
            } catch (FlowFailedException wrapped) {
                return "caught " + wrapped.getCause().getMessage();
            }
        });

        assertThat(runner.run(flow)).isEqualTo("caught checked");
    }

    @Test
    void flow_run_runs_a_monadic_sub_program_and_returns_its_value() {
        Program<Integer> flow = Program.direct(f -> {
            int a = f.run(Program.perform(new Cmd.Get(2)).flatMap(n -> Program.perform(new Cmd.Get(n * 10))));
            return a + 1;
        });

        assertThat(runner.run(flow)).isEqualTo(21);
        assertThat(world.performed).containsExactly(new Cmd.Get(2), new Cmd.Get(20));
    }

    @Test
    void flow_parallel_runs_a_parallel_block_and_returns_values_in_input_order() {
        Runner parallel = Runner.of(world.executor().with(parallelize(3)));
        Program<List<String>> flow = Program.direct(f -> f.parallel(List.of(
                Program.perform(new Cmd.Echo("a")), Program.perform(new Cmd.Echo("b")), Program.perform(new Cmd.Echo("c")))));

        assertThat(parallel.run(flow)).containsExactly("a", "b", "c");
    }

    @Test
    void direct_programs_compose_inside_monadic_ones() {
        Program<Integer> flow = Program.perform(new Cmd.Get(3))
                .flatMap(n -> Program.direct(f -> f.perform(new Cmd.Get(n + 1)) * 2))
                .flatMap(n -> Program.perform(new Cmd.Get(n + 100)));

        assertThat(runner.run(flow)).isEqualTo(108);
    }

    @Test
    void direct_programs_nest_inside_direct_programs() {
        Program<Integer> inner = Program.direct(f -> f.perform(new Cmd.Get(5)) + 1);
        Program<Integer> outer = Program.direct(f -> f.run(inner) + f.run(inner));

        assertThat(runner.run(outer)).isEqualTo(12);
        assertThat(world.performed).containsExactly(new Cmd.Get(5), new Cmd.Get(5));
    }

    @Test
    void the_body_starts_afresh_on_each_run() {
        AtomicInteger starts = new AtomicInteger();
        Program<Integer> flow = Program.direct(f -> {
            starts.incrementAndGet();
            return f.perform(new Cmd.Get(1));
        });

        runner.run(flow);
        runner.run(flow);

        assertThat(starts).hasValue(2);
        assertThat(world.performed).hasSize(2);
    }

    @Test
    void a_flow_handle_used_from_another_thread_is_rejected() {
        AtomicReference<Throwable> rejected = new AtomicReference<>();
        Program<String> flow = Program.direct(f -> {
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    f.perform(new Cmd.Echo("from elsewhere"));
                } catch (Throwable error) {
                    rejected.set(error);
                }
            });
            other.join();
            return f.perform(new Cmd.Echo("own thread"));
        });

        assertThat(runner.run(flow)).isEqualTo("own thread");
        assertThat(rejected.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the thread of its direct-style body");
        assertThat(world.performed).containsExactly(new Cmd.Echo("own thread"));
    }

    @Test
    void a_flow_handle_kept_after_the_run_is_rejected() {
        AtomicReference<Flow> leaked = new AtomicReference<>();
        runner.run(Program.direct(f -> {
            leaked.set(f);
            return 0;
        }));

        assertThatThrownBy(() -> leaked.get().perform(new Cmd.Get(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the thread");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void the_body_runs_on_its_own_virtual_thread_while_actions_run_on_the_runner() {
        AtomicReference<Thread> bodyThread = new AtomicReference<>();
        runner.run(Program.direct(f -> {
            bodyThread.set(Thread.currentThread());
            return f.perform(new Cmd.Get(1));
        }));

        assertThat(bodyThread.get().isVirtual()).isTrue();
        assertThat(bodyThread.get().getName()).startsWith("pureflow-direct-");
        assertThat(world.threads).singleElement().isNotSameAs(bodyThread.get());
    }

    @Test
    void ensuring_around_a_direct_program_runs_the_finalizer_when_the_body_fails() {
        Program<Integer> flow = Program.<Integer>direct(f -> {
            throw new IllegalStateException("body failed");
        }).ensuring(Program.perform(new Cmd.Note("cleanup")));

        assertThatThrownBy(() -> runner.run(flow)).hasMessage("body failed");
        assertThat(world.performed).containsExactly(new Cmd.Note("cleanup"));
    }
}
