package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** A failed action is reported with context: the action, its step, its branch and the actions just before it. */
class ActionFailedExceptionTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    private ActionFailedException failureOf(Runner runner, Program<?> flow) {
        Throwable error = runner.attempt(flow).getCause();
        assertThat(error).isInstanceOf(ActionFailedException.class);
        return (ActionFailedException) error;
    }

    @Test
    void the_error_names_the_action_its_step_its_branch_and_the_actions_before_it() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(n -> Program.perform(new Cmd.Echo("two")))
                .flatMap(s -> Program.perform(new Cmd.Fails("three")));

        ActionFailedException error = failureOf(runner, flow);

        assertThat(error.action()).isEqualTo(new Cmd.Fails("three"));
        assertThat(error.step()).isEqualTo(3);
        assertThat(error.branch()).isEqualTo("main");
        assertThat(error.before()).containsExactly(new Cmd.Get(1), new Cmd.Echo("two"));
        assertThat(error).hasCauseExactlyInstanceOf(IllegalStateException.class);
        assertThat(error.getMessage())
                .isEqualTo("step 3 Fails[why=three] failed on branch main after Get[n=1], Echo[text=two]:"
                        + " java.lang.IllegalStateException: three");
    }

    @Test
    void the_first_step_of_a_branch_says_so() {
        ActionFailedException error = failureOf(runner, Program.perform(new Cmd.Fails("at once")));

        assertThat(error.before()).isEmpty();
        assertThat(error.step()).isEqualTo(1);
        assertThat(error.getMessage()).contains("(the first step of its branch)");
    }

    @Test
    void only_the_last_five_actions_before_the_failure_are_kept_oldest_first() {
        Program<Integer> flow = Program.traverse(List.range(1, 9), n -> Program.perform(new Cmd.Get(n)))
                .flatMap(values -> Program.perform(new Cmd.Fails("ninth")));

        ActionFailedException error = failureOf(runner, flow);

        assertThat(error.step()).isEqualTo(9);
        assertThat(error.before()).containsExactly(
                new Cmd.Get(4), new Cmd.Get(5), new Cmd.Get(6), new Cmd.Get(7), new Cmd.Get(8));
    }

    @Test
    void failed_actions_count_among_the_actions_before_a_later_failure() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("first"))
                .recover(error -> 0)
                .flatMap(n -> Program.perform(new Cmd.Fails("second")));

        ActionFailedException error = failureOf(runner, flow);

        assertThat(error.before()).containsExactly(new Cmd.Fails("first"));
    }

    @Test
    void in_a_concurrent_branch_the_error_names_the_branch_and_only_its_own_actions() {
        Program<List<Integer>> flow = Program.perform(new Cmd.Get(0)).flatMap(n -> Program.parallel(
                Program.perform(new Cmd.Get(10)),
                Program.perform(new Cmd.Get(20)).flatMap(m -> Program.perform(new Cmd.Fails("in branch 1")))));

        ActionFailedException error = failureOf(Runner.of(world.executor().with(parallelize(2))), flow);

        assertThat(error.branch()).isEqualTo("main/1/1");
        assertThat(error.key()).isEqualTo(new StepKey("main/1/1", 1));
        assertThat(error.before()).containsExactly(new Cmd.Get(20));
        assertThat(error.getMessage()).contains("on branch main/1/1");
    }

    @Test
    void before_lists_only_the_actions_of_the_same_branch_whatever_the_parallelism() {
        Program<List<Integer>> flow = Program.perform(new Cmd.Get(0)).flatMap(n -> Program.parallel(
                Program.perform(new Cmd.Get(10)),
                Program.perform(new Cmd.Get(20)).flatMap(m -> Program.perform(new Cmd.Fails("in branch 1")))));

        ActionFailedException oneAtATime = failureOf(runner, flow);
        ActionFailedException concurrently = failureOf(Runner.of(world.executor().with(parallelize(2))), flow);

        assertThat(oneAtATime.key()).isEqualTo(concurrently.key()).isEqualTo(StepKey.parse("main/1/1#1"));
        assertThat(oneAtATime.before()).isEqualTo(concurrently.before()).containsExactly(new Cmd.Get(20));
    }

    @Test
    void actions_of_a_parallel_block_are_not_before_the_next_action_of_its_parent() {
        Program<Integer> flow = Program.perform(new Cmd.Get(0))
                .flatMap(n -> Program.parallel(Program.perform(new Cmd.Get(10)), Program.perform(new Cmd.Get(11))))
                .flatMap(values -> Program.perform(new Cmd.Fails("after the block")));

        ActionFailedException oneAtATime = failureOf(runner, flow);
        ActionFailedException concurrently = failureOf(Runner.of(world.executor().with(parallelize(2))), flow);

        assertThat(oneAtATime.before()).isEqualTo(concurrently.before()).containsExactly(new Cmd.Get(0));
    }

    @Test
    void each_run_counts_its_steps_from_one() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Cmd.Fails("second")));

        assertThat(failureOf(runner, flow).step()).isEqualTo(2);
        assertThat(failureOf(runner, flow).step()).isEqualTo(2);
    }
}
