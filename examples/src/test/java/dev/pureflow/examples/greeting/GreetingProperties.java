package dev.pureflow.examples.greeting;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GreetingProperties {

    @Property(tries = 30)
    void every_variant_performs_the_same_actions_whatever_the_parallelism(@ForAll @IntRange(min = 1, max = 8) int parallelism) {
        List<Action<?>> sequential = stepsOf(GreetingFlows.greetAll(), parallelism);
        List<Action<?>> direct = stepsOf(GreetingFlows.greetAllDirect(), parallelism);
        List<Action<?>> parallel = stepsOf(GreetingFlows.greetAllInParallel(), parallelism);

        assertThat(direct).isEqualTo(sequential);
        assertThat(parallel).first().isEqualTo(sequential.getFirst());
        assertThat(parallel).containsExactlyInAnyOrderElementsOf(sequential);
    }

    private static List<Action<?>> stepsOf(Program<Integer> flow, int parallelism) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Executor executor = GreetingExecutor.printingTo(lines::add).with(parallelize(parallelism));
        StepRecorder recorder = new StepRecorder();
        int greeted = Runner.of(executor).with(options -> options.listener(recorder)).run(flow);
        assertThat(greeted).isEqualTo(3);
        assertThat(lines).hasSize(4);
        return recorder.actions();
    }
}
