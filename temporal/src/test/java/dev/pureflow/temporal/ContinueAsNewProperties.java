package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import io.vavr.control.Either;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** A loop of any length continues as new every n iterations, and its chain does what one run would. */
class ContinueAsNewProperties {

    private static TemporalTestService service;

    @BeforeContainer
    static void startService() {
        service = new TemporalTestService();
    }

    @AfterContainer
    static void stopService() {
        service.close();
    }

    /** An action, then a loop of {@code rounds} iterations of one action each, then an action; yields 10 × rounds. */
    static Program<Integer> flow(int rounds) {
        return Program.perform(new Op.Echo("before")).andThen(Program.loop("count", 0, (Integer done) -> Program.perform(new Op.Add(done, 1))
                        .map(next -> next < rounds ? Either.<Integer, Integer>left(next) : Either.<Integer, Integer>right(next * 10))))
                .flatMap(value -> Program.perform(new Op.Echo("after")).map(ignored -> value));
    }

    @Property(tries = 6)
    void loop_runs_as_one_run_per_n_iterations_each_action_carried_out_once(
            @ForAll @IntRange(min = 1, max = 12) int rounds, @ForAll @IntRange(min = 1, max = 4) int every) {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).continueAsNewEvery(every)
                .flow("count", Integer.class, ContinueAsNewProperties::flow)
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> run = deployment.runner().start("count", rounds, Integer.class);
            String firstRun = run.stub().getExecution().getRunId(); // the stub follows the chain once awaited

            assertThat(run.await()).isEqualTo(rounds * 10);
            // rounds - 1 iterations go round again; each run makes every of them
            assertThat(service.chain(run.workflowId(), firstRun)).hasSize((rounds - 1) / every + 1);
            java.util.List<dev.pureflow.Action<?>> expected = new java.util.ArrayList<>();
            expected.add(new Op.Echo("before"));
            IntStream.range(0, rounds).forEach(done -> expected.add(new Op.Add(done, 1)));
            expected.add(new Op.Echo("after"));
            assertThat(executor.calls()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
