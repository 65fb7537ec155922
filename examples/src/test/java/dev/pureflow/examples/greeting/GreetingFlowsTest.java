package dev.pureflow.examples.greeting;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GreetingFlowsTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);

    @Test
    void sequential_flow_fetches_then_greets_each_user_in_order() {
        int greeted = Runner.of(executor).run(GreetingFlows.greetAll());

        assertThat(greeted).isEqualTo(3);
        assertThat(lines).containsExactly("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");
    }

    @Test
    void direct_flow_fetches_then_greets_each_user_in_order() {
        int greeted = Runner.of(executor).run(GreetingFlows.greetAllDirect());

        assertThat(greeted).isEqualTo(3);
        assertThat(lines).containsExactly("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");
    }

    @Test
    void parallel_flow_fetches_first_then_greets_every_user_in_any_order() {
        int greeted = Runner.of(executor.with(parallelize(3))).run(GreetingFlows.greetAllInParallel());

        assertThat(greeted).isEqualTo(3);
        assertThat(lines).first().isEqualTo("Fetching 3 from 'users'");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder("Hi, User0!", "Hi, User1!", "Hi, User2!");
    }

    @Test
    void parallel_flow_without_parallelize_greets_one_after_another_in_order() {
        Runner.of(executor).run(GreetingFlows.greetAllInParallel());

        assertThat(lines).containsExactly("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");
    }

    @Test
    void monadic_and_direct_flows_perform_the_same_steps() {
        var monadic = stepsOf(GreetingFlows.greetAll());
        var direct = stepsOf(GreetingFlows.greetAllDirect());

        assertThat(direct).isEqualTo(monadic).containsExactly(
                new Fetch("users", 3), new Greet("User0"), new Greet("User1"), new Greet("User2"));
    }

    @Test
    void building_a_flow_performs_nothing() {
        GreetingFlows.greetAll();
        GreetingFlows.greetAllInParallel();
        GreetingFlows.greetAllDirect();

        assertThat(lines).isEmpty();
    }

    @Test
    void a_flow_can_be_run_again_with_the_same_result() {
        Program<Integer> flow = GreetingFlows.greetAllDirect();
        Runner runner = Runner.of(executor);

        assertThat(runner.run(flow)).isEqualTo(runner.run(flow)).isEqualTo(3);
        assertThat(lines).hasSize(8);
    }

    @Test
    void executor_rejects_a_null_sink_by_name() {
        assertThatNullPointerException().isThrownBy(() -> GreetingExecutor.printingTo(null)).withMessage("out");
    }

    private List<Action<?>> stepsOf(Program<Integer> flow) {
        StepRecorder recorder = new StepRecorder();
        Runner.of(executor).with(options -> options.listener(recorder)).run(flow);
        return recorder.actions();
    }
}
