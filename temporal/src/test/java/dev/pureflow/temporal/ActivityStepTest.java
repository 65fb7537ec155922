package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a worker, the executor reads {@link Step#current()} as it does in-process: the step's key, action, number and attempt. */
class ActivityStepTest {

    private static final Duration HANG_DETECTOR = Duration.ofMinutes(2);

    private static TemporalTestService service;

    @BeforeAll
    static void startService() {
        service = new TemporalTestService();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    /** What {@link Step#current()} said at each call, in order. */
    private static final class Noting implements Executor {
        final List<Option<Step>> seen = new CopyOnWriteArrayList<>();
        final OpExecutor world = new OpExecutor(2);

        @Override
        public Object execute(Action<?> action) throws Exception {
            seen.add(Step.current());
            return world.execute(action);
        }

        @Override
        public int parallelism() {
            return 2;
        }
    }

    private static Program<Integer> flow() {
        return Program.perform(new Op.Flaky("f", 1))
                .flatMap(attempts -> Program.parallel(Program.perform(new Op.Add(attempts, 1)), Program.perform(new Op.Add(attempts, 2))))
                .map(sums -> sums.sum().intValue());
    }

    @Test
    void executor_on_a_worker_sees_each_steps_key_action_number_and_temporal_attempt_as_the_runner_shows_them() throws Exception {
        Noting local = new Noting();
        Runner.of(local).run(flow().recover(failed -> -1));
        Noting remote = new Noting();
        TemporalFlows flows = TemporalFlows.builder().executor(remote)
                .options(TemporalOptions.DEFAULT.withRetries(RetryPolicy.DEFAULT.withMaxAttempts(2).withJitter(0)
                        .withBackoff(Backoff.fixed(Duration.ofMillis(1)))))
                .flow("noted", ActivityStepTest::flow)
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("noted", Integer.class).await(HANG_DETECTOR)).isEqualTo(3 + 4);
        }

        assertThat(remote.seen).allSatisfy(step -> assertThat(step).isNotEmpty());
        // Temporal retried the flaky step: its second attempt is the same step
        assertThat(remote.seen.get(0).get().attempt()).isEqualTo(1);
        assertThat(remote.seen.get(1).get().attempt()).isEqualTo(2);
        assertThat(remote.seen.subList(0, 2)).extracting(step -> step.get().key().toString()).containsOnly("main#0");
        // in-process the flaky step failed once and had no retry: the same first step, then nothing
        assertThat(local.seen.get(0).get().key()).isEqualTo(remote.seen.get(0).get().key());
        assertThat(local.seen.get(0).get().number()).isEqualTo(remote.seen.get(0).get().number()).isEqualTo(1);
        assertThat(remote.seen.subList(2, 4)).extracting(step -> step.get().key().toString() + " " + step.get().action())
                .containsExactlyInAnyOrder("main/1/0#0 Add[a=2, b=1]", "main/1/1#0 Add[a=2, b=2]");
        assertThat(remote.seen.subList(2, 4)).extracting(step -> step.get().number()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(Step.current()).isEmpty();
    }
}
