package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Built-in actions on Temporal: sleeps are timers, the clock is the workflow's, messages are signals, published values queries. */
class BuiltInActionsTest {

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

    @Test
    void flow_that_sleeps_an_hour_finishes_in_seconds_on_the_skipping_clock_and_reads_the_workflow_time() throws Exception {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor())
                .flow("nap", () -> Program.now().flatMap(before -> Program.sleep(Duration.ofHours(1))
                        .andThen(Program.now()).map(after -> Duration.between(before, after).toMinutes())))
                .build();
        long before = service.environment.currentTimeMillis();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("nap", Long.class).await(HANG_DETECTOR)).isEqualTo(60L);
        }
        assertThat(Duration.ofMillis(service.environment.currentTimeMillis() - before)).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void outside_reads_a_redo_loop_progress_while_it_runs_and_stops_it_with_a_message() {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor)
                .flow("redo", () -> Program.tailRec(0, round -> Program.publish("progress", round)
                        .andThen(Program.readMessage("stop", Boolean.class))
                        .flatMap(stop -> stop.contains(true)
                                ? Program.pure(Either.<Integer, Integer>right(round))
                                : Program.perform(new Op.Add(round, 1))
                                        .flatMap(next -> Program.sleep(Duration.ofMillis(20)).map(ignored -> Either.<Integer, Integer>left(next))))))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> run = deployment.runner().start("redo", Integer.class);
            long deadline = System.nanoTime() + HANG_DETECTOR.toNanos();
            while (run.published("progress", Integer.class).getOrElse(0) < 3) {
                assertThat(System.nanoTime()).as("the loop publishes round 3").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(run.send("stop", true)).isTrue();

            int rounds = run.await();
            assertThat(rounds).isGreaterThanOrEqualTo(3);
            assertThat(run.published("progress", Integer.class)).contains(rounds);
            assertThat(executor.calls()).hasSize(rounds);
            assertThat(run.send("stop", true)).as("a message to an ended run").isFalse();
        }
    }

    @Test
    void awaited_message_wakes_the_flow_and_a_wait_without_one_times_out_on_the_workflow_clock() throws Exception {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor())
                .flow("wait", Integer.class, minutes -> Program.awaitMessage("go", String.class, Duration.ofMinutes(minutes))
                        .map(go -> go.getOrElse("nothing came")))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<String> waiting = deployment.runner().start("wait", 60 * 24, String.class);
            assertThat(waiting.send("go", "now")).isTrue();
            assertThat(waiting.await(HANG_DETECTOR)).isEqualTo("now");

            assertThat(deployment.runner().start("wait", 30, String.class).await(HANG_DETECTOR)).isEqualTo("nothing came");
        }
    }

    @Test
    void message_of_another_type_fails_the_reading_step_naming_the_key_and_both_types() {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor())
                .flow("typed", () -> Program.awaitMessage("count", Integer.class, Duration.ofDays(1)).map(count -> count.getOrElse(-1)))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> run = deployment.runner().start("typed", Integer.class);
            run.send("count", "three");
            assertThatThrownBy(() -> run.await(HANG_DETECTOR))
                    .isInstanceOf(MessageTypeException.class) // the same error as the in-process runner's
                    .hasMessage("the message under key \"count\" is a java.lang.String, not the java.lang.Integer it was read as")
                    .satisfies(error -> assertThat(((MessageTypeException) error).key()).isEqualTo("count"));
            assertThat(run.published("nothing", Integer.class)).isEqualTo(Option.none());
        }
    }
}
