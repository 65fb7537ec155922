package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.vavr.control.Either;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long loops continue as new: a lifecycle frame's redo and a state machine's transitions run as a
 * chain of runs, each with a bounded history, and end as they do in-process.
 */
class ContinueAsNewTest {

    private static final Duration HANG_DETECTOR = Duration.ofMinutes(2);
    private static final String COUNT = "counter/routine_message/count";

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
    void frame_redo_loop_continues_as_new_every_n_iterations_and_ends_with_the_in_process_value_and_progress() throws Exception {
        int every = 10;
        OpExecutor localExecutor = new OpExecutor();
        RunHandle<Integer> local = Runner.of(localExecutor).start(TestFlows.counterFrame(3 * every));
        int localValue = local.await();
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).continueAsNewEvery(every)
                .flow("counter", Integer.class, rounds -> TestFlows.counterFrame(rounds))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> run = deployment.runner().start("counter", 3 * every, Integer.class);
            String firstRun = run.stub().getExecution().getRunId(); // the stub follows the chain once awaited

            assertThat(run.await(HANG_DETECTOR)).isEqualTo(localValue).isEqualTo(3 * every);
            assertThat(run.published(COUNT, Integer.class)).isEqualTo(local.published(COUNT, Integer.class)).contains(3 * every);
            // the frame's outcome, vavr values and all, travels as plain JSON
            assertThat(run.published("counter/outcome", Object.class).get()).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("frameName", "counter")
                    .containsEntry("routineMessage", Map.of("count", 3 * every))
                    .containsEntry("routineResult", Map.of("value", 3 * every));
            List<WorkflowExecutionHistory> runs = service.chain(run.workflowId(), firstRun);
            assertThat(runs).hasSize(3);
            // each run does its share: on_open's action and 10 routines, 10 routines, 10 routines and on_close's action
            assertThat(runs).extracting(TemporalTestService::scheduledIn).containsExactly((long) every + 1, (long) every, (long) every + 1);
            int total = runs.stream().mapToInt(history -> history.getEvents().size()).sum();
            assertThat(runs).allSatisfy(history -> assertThat(history.getEvents().size()).isLessThan(total / 2));
            // the steps before the loop are answered from the first run, never carried out again
            assertThat(executor.calls()).containsExactlyInAnyOrderElementsOf(localExecutor.calls());
            assertThat(executor.calls()).filteredOn(new Op.Echo("open")::equals).hasSize(1);
            for (WorkflowExecutionHistory history : runs) {
                WorkflowReplayer.replayWorkflowExecution(history, replayWorker(flows));
            }
        }
    }

    @Test
    void stop_message_sent_during_a_later_run_of_the_chain_stops_the_frame_and_progress_is_read_across_runs() {
        int every = 5;
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).continueAsNewEvery(every)
                .flow("forever", () -> TestFlows.counterFrame(Integer.MAX_VALUE))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> run = deployment.runner().start("forever", Integer.class);
            String firstRun = run.stub().getExecution().getRunId(); // the stub follows the chain once awaited
            long deadline = System.nanoTime() + HANG_DETECTOR.toNanos();
            while (executor.calls().stream().filter(Op.Add.class::isInstance).count() <= 2 * every) {
                assertThat(System.nanoTime()).as("the frame's third run carries out its routine").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(run.published(COUNT, Integer.class).get()).as("progress read while the third run runs").isGreaterThan(2 * every);
            assertThat(run.send("stop", true)).isTrue();

            int count = run.await();
            assertThat(count).isGreaterThan(2 * every);
            assertThat(run.published(COUNT, Integer.class)).contains(count);
            List<WorkflowExecutionHistory> runs = service.chain(run.workflowId(), firstRun);
            assertThat(runs.size()).as("runs of the chain; the first ends with %s", runs.get(0).getLastEvent().getEventType()).isGreaterThanOrEqualTo(3);
            assertThat(runs.subList(0, 2)).noneMatch(ContinueAsNewTest::signalled);
            assertThat(runs.subList(2, runs.size())).anyMatch(ContinueAsNewTest::signalled);
            assertThat(executor.calls()).filteredOn(Op.Add.class::isInstance).hasSize(count);
            assertThat(executor.calls()).filteredOn(new Op.Echo("close")::equals).hasSize(1);
        }
    }

    @Test
    void state_machine_continues_as_new_and_ends_in_the_state_and_with_the_actions_it_has_in_process() {
        OpExecutor localExecutor = new OpExecutor();
        Object localValue = Runner.of(localExecutor).run(TestFlows.ALL.get("state-machine").apply(5));
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).continueAsNewEvery(4)
                .flow("rollout", Integer.class, TestFlows.ALL.get("state-machine")::apply)
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<String> run = deployment.runner().start("rollout", 5, String.class);
            String firstRun = run.stub().getExecution().getRunId(); // the stub follows the chain once awaited

            assertThat(run.await()).isEqualTo(localValue).isEqualTo("DONE");
            // 16 states entered, 15 transitions: a new run after every 4th
            assertThat(service.chain(run.workflowId(), firstRun)).hasSize(4);
            assertThat(executor.calls()).containsExactlyInAnyOrderElementsOf(localExecutor.calls()).hasSize(16);
        }
    }

    @Test
    void loop_state_over_the_payload_limit_fails_the_flow_with_an_error_naming_the_loop() {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor()).continueAsNewEvery(1)
                .flow("hoard", () -> Program.loop("hoard", "", text -> Program.pure(text.isEmpty()
                        ? Either.<String, Integer>left("x".repeat(PayloadTooLargeException.LIMIT_BYTES))
                        : Either.<String, Integer>right(text.length()))))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("hoard", Integer.class).await(HANG_DETECTOR))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .hasMessageContaining("loop 'hoard' at main#0 cannot continue as new")
                    .hasMessageContaining("over Temporal's payload limit");
        }
    }

    @Test
    void resumed_run_that_meets_another_loop_fails_naming_both_loops() {
        AtomicInteger builds = new AtomicInteger();
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor()).continueAsNewEvery(1)
                // not a function of its arguments: the second run builds a loop of another name
                .flow("fickle", () -> Program.loop("loop-" + builds.incrementAndGet(), 0, round -> Program.perform(new Op.Add(round, 1))
                        .map(next -> next < 3 ? Either.<Integer, Integer>left(next) : Either.<Integer, Integer>right(next))))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("fickle", Integer.class).await(HANG_DETECTOR))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("continued as new to resume loop 'loop-1' at main#0, but met loop 'loop-2' at main#0");
        }
    }

    private static boolean signalled(WorkflowExecutionHistory history) {
        return history.getEvents().stream().anyMatch(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes);
    }

    /** A worker that is never started: replay only needs the registrations. */
    private static Worker replayWorker(TemporalFlows flows) {
        Worker worker = WorkerFactory.newInstance(service.environment.getWorkflowClient()).newWorker("replay");
        flows.registerOn(worker);
        return worker;
    }
}
