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
    void a_flow_handle_kept_after_the_run_runs_no_program_and_enters_no_region() {
        AtomicReference<Flow> leaked = new AtomicReference<>();
        runner.run(Program.direct(f -> {
            leaked.set(f);
            return 0;
        }));
        AtomicInteger regionsEntered = new AtomicInteger();

        assertThatThrownBy(() -> leaked.get().run(Program.perform(new Cmd.Get(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside the thread");
        assertThatThrownBy(() -> leaked.get().uncancellable(regionsEntered::incrementAndGet))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside the thread");
        assertThat(world.performed).isEmpty();
        assertThat(regionsEntered).hasValue(0);
    }

    @Test
    void the_body_runs_on_the_thread_interpreting_it_and_its_actions_run_there_too() {
        AtomicReference<Thread> bodyThread = new AtomicReference<>();
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).flatMap(n -> Program.direct(f -> {
            bodyThread.set(Thread.currentThread());
            return f.perform(new Cmd.Get(n + 1));
        }));

        assertThat(runner.run(flow)).isEqualTo(2);

        assertThat(world.threads).containsExactly(bodyThread.get(), bodyThread.get());
        assertThat(bodyThread.get().getName()).startsWith("pureflow-run-");
    }

    @Test
    void a_body_performing_a_million_steps_keeps_the_same_stack_depth_at_every_step() {
        int steps = 1_000_000;
        java.util.Map<Integer, Integer> depthAtStep = new java.util.concurrent.ConcurrentHashMap<>();
        Executor measuring = Executor.of(Cmd.class, cmd -> {
            int n = ((Cmd.Get) cmd).n();
            if (n == 1 || n == steps) {
                depthAtStep.put(n, StackWalker.getInstance().walk(frames -> (int) frames.count()));
            }
            return n;
        });
        Program<Integer> flow = Program.direct(f -> {
            int last = 0;
            for (int i = 1; i <= steps; i++) {
                last = f.perform(new Cmd.Get(i));
            }
            return last;
        });

        assertThat(Runner.of(measuring).run(flow)).isEqualTo(steps);
        assertThat(depthAtStep.get(steps)).isEqualTo(depthAtStep.get(1));
    }

    @Test
    void the_stack_grows_with_the_nesting_of_bodies_not_with_their_steps() {
        java.util.List<Integer> depths = new java.util.concurrent.CopyOnWriteArrayList<>();
        Executor measuring = Executor.of(Cmd.class, cmd -> {
            depths.add(StackWalker.getInstance().walk(frames -> (int) frames.count()));
            return ((Cmd.Get) cmd).n();
        });
        Program<Integer> inner = Program.direct(f -> f.perform(new Cmd.Get(2)) + f.perform(new Cmd.Get(3)));
        Program<Integer> outer = Program.direct(f -> f.perform(new Cmd.Get(1)) + f.run(inner) + f.perform(new Cmd.Get(4)));

        assertThat(Runner.of(measuring).run(outer)).isEqualTo(10);
        assertThat(depths.get(1)).isEqualTo(depths.get(2)).isGreaterThan(depths.get(0));
        assertThat(depths.get(3)).isEqualTo(depths.get(0));
    }

    @Test
    void steps_of_bodies_share_the_runs_numbering_branches_and_listener() {
        java.util.List<Step> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runner listened = runner.with(options -> options.listener(StepListener.onStarted(steps::add)));
        Program<List<Integer>> flow = Program.perform(new Cmd.Get(0)).flatMap(zero -> Program.parallel(
                Program.direct(f -> f.perform(new Cmd.Get(1)) + f.perform(new Cmd.Get(2))),
                Program.direct(f -> f.run(Program.direct(g -> g.perform(new Cmd.Get(3)))))));

        assertThat(listened.run(flow)).containsExactly(3, 3);

        assertThat(steps).extracting(Step::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(steps).extracting(Step::branch).containsExactly("main", "main/1/0", "main/1/0", "main/1/1");
        assertThat(steps).extracting(step -> step.key().toString()).containsExactly("main#0", "main/1/0#0", "main/1/0#1", "main/1/1#0");
    }

    @Test
    void a_failure_inside_a_sub_program_leaves_the_body_and_the_flow_around_it_intact() {
        Program<Integer> flow = Program.perform(new Cmd.Get(10))
                .flatMap(ten -> Program.direct(f -> {
                    int recovered;
                    try {
                        recovered = f.run(Program.perform(new Cmd.Get(1)).flatMap(one -> Program.perform(new Cmd.Fails("inner"))));
                    } catch (ActionFailedException failed) {
                        recovered = 100;
                    }
                    return ten + recovered + f.perform(new Cmd.Get(2));
                }))
                .flatMap(sum -> Program.perform(new Cmd.Get(sum + 1000)));

        assertThat(runner.run(flow)).isEqualTo(1112);
        assertThat(world.performed).containsExactly(
                new Cmd.Get(10), new Cmd.Get(1), new Cmd.Fails("inner"), new Cmd.Get(2), new Cmd.Get(1112));
    }

    @Test
    void the_trail_of_a_failed_action_in_a_body_names_the_steps_before_it() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(one -> Program.direct(f -> f.perform(new Cmd.Get(2)) + f.perform(new Cmd.Fails("third"))));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOfSatisfying(ActionFailedException.class, failed -> {
                    assertThat(failed.before()).containsExactly(new Cmd.Get(1), new Cmd.Get(2));
                    assertThat(failed.step()).isEqualTo(3);
                });
    }

    @Test
    void a_handle_used_from_inside_a_step_its_body_is_running_is_rejected() {
        AtomicReference<Flow> handle = new AtomicReference<>();
        Program<Integer> flow = Program.direct(f -> {
            handle.set(f);
            return f.run(Program.defer(() -> Program.pure(handle.get().perform(new Cmd.Get(1)))));
        });

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from inside a step it is running");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void an_outer_handle_used_inside_a_nested_body_is_rejected() {
        Program<Integer> flow = Program.direct(outer -> outer.run(Program.direct(inner -> outer.perform(new Cmd.Get(1)))));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from inside a step it is running");
    }

    @Test
    void a_handle_kept_after_its_body_ended_is_rejected_on_the_same_thread() {
        AtomicReference<Flow> leaked = new AtomicReference<>();
        Program<Integer> leaking = Program.direct(f -> {
            leaked.set(f);
            return 0;
        });
        Program<Integer> flow = leaking.flatMap(zero -> Program.direct(f -> leaked.get().perform(new Cmd.Get(1))));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after its direct-style body ended");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void a_body_inside_a_parallel_branch_runs_parallel_blocks_of_its_own() {
        Runner parallel = Runner.of(world.executor().with(parallelize(4)));
        Program<List<Integer>> flow = Program.parallel(List.range(0, 4).map(n -> Program.direct(f ->
                f.parallel(List.of(Program.perform(new Cmd.Get(n)), Program.perform(new Cmd.Get(10 * n)))).sum().intValue())));

        assertThat(parallel.run(flow)).containsExactly(0, 11, 22, 33);
        assertThat(world.performed).hasSize(8);
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
