package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The walk is deterministic: a finished run's history replays, and a changed program does not. */
class ReplayTest {

    private static TemporalTestService service;

    @BeforeAll
    static void startService() {
        service = new TemporalTestService();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeting", "parallel-failing", "parallel-nested", "bracket-failing", "recovered", "direct", "built-ins"})
    void finished_run_replays_through_the_workflow_replayer_without_a_non_determinism_error(String flow) throws Exception {
        WorkflowExecutionHistory history = finishedRun(flow);
        assertThat(history.getEvents()).anyMatch(event -> event.hasActivityTaskCompletedEventAttributes()
                || event.hasActivityTaskFailedEventAttributes());

        WorkflowReplayer.replayWorkflowExecution(history, replayWorker(TestFlows.registered(new OpExecutor(), TemporalOptions.DEFAULT)));
    }

    @Test
    void changed_program_fails_replay_with_a_non_determinism_error() {
        WorkflowExecutionHistory history = finishedRun("greeting");
        TemporalFlows changed = TemporalFlows.builder()
                .executor(new OpExecutor())
                // greets before it fetches: a different first activity than the history holds
                .flow("greeting", Integer.class, n -> Program.perform(new Op.Greet("nobody"))
                        .andThen(Program.perform(new Op.Fetch("User", n))).map(java.util.List::size))
                .build();

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, replayWorker(changed)))
                // the replayer reports the worker's error as text
                .hasMessageContaining(NonDeterministicException.class.getName())
                .hasMessageContaining("expected value 'name: \"dev.pureflow.temporal.Op$Greet\"")
                .hasMessageContaining("actual value 'name: \"dev.pureflow.temporal.Op$Fetch\"");
    }

    private static WorkflowExecutionHistory finishedRun(String flow) {
        try (TemporalTestService.Deployment deployment = service.deploy(TestFlows.registered(new OpExecutor(), TemporalOptions.DEFAULT))) {
            TemporalRunHandle<Object> run = deployment.runner().start(flow, 2, Object.class);
            run.awaitOutcome();
            return service.environment.getWorkflowClient().fetchHistory(run.workflowId());
        }
    }

    /** A worker that is never started: replay only needs the registrations. */
    private static Worker replayWorker(TemporalFlows flows) {
        Worker worker = WorkerFactory.newInstance(service.environment.getWorkflowClient()).newWorker("replay");
        flows.registerOn(worker);
        return worker;
    }
}
