package dev.pureflow.temporal;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory Temporal service for a test class (never a downloaded server), and workers on fresh
 * task queues of it: each deployment has its own worker factory, shut down when it is closed.
 */
final class TemporalTestService implements AutoCloseable {

    final TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance();
    private final AtomicInteger queues = new AtomicInteger();

    TemporalTestService() {
        // the environment skips time only once started (it has no workers of its own: each deployment brings them)
        environment.start();
    }

    /** Workers for {@code flows} on a new task queue, started. */
    Deployment deploy(TemporalFlows flows) {
        return deploy(flows, "queue-" + queues.incrementAndGet());
    }

    /** Workers for {@code flows} on {@code queue}, started. */
    Deployment deploy(TemporalFlows flows, String queue) {
        return deploy(queue, flows::registerOn);
    }

    /** A worker on {@code queue} with what {@code registration} registers on it, started. */
    Deployment deploy(String queue, Consumer<Worker> registration) {
        WorkerFactory factory = WorkerFactory.newInstance(environment.getWorkflowClient());
        Worker worker = factory.newWorker(queue);
        registration.accept(worker);
        factory.start();
        return new Deployment(factory, queue, TemporalRunner.of(environment.getWorkflowClient(), queue));
    }

    /** The actions a workflow scheduled as activities, each with its step key, in history order. */
    List<ScheduledStep> scheduled(String workflowId) {
        List<ScheduledStep> steps = new ArrayList<>();
        for (HistoryEvent event : environment.getWorkflowClient().fetchHistory(workflowId).getEvents()) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                var attributes = event.getActivityTaskScheduledEventAttributes();
                var payloads = attributes.getInput().getPayloadsList();
                var converter = DefaultDataConverter.STANDARD_INSTANCE;
                String json = converter.fromPayload(payloads.get(0), String.class, String.class);
                String key = converter.fromPayload(payloads.get(1), String.class, String.class);
                steps.add(new ScheduledStep(key, PayloadCodec.INSTANCE.decodeAction(attributes.getActivityType().getName(), json)));
            }
        }
        return steps;
    }

    /**
     * The histories of a chain of runs, first to last: the run {@code firstRunId} of
     * {@code workflowId}, then each run it continued as new.
     */
    List<WorkflowExecutionHistory> chain(String workflowId, String firstRunId) {
        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String runId = firstRunId;
        while (runId != null) {
            WorkflowExecutionHistory history = environment.getWorkflowClient().fetchHistory(workflowId, runId);
            runs.add(history);
            HistoryEvent last = history.getLastEvent();
            runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                    : null;
        }
        return runs;
    }

    /** How many activities {@code history} scheduled. */
    static long scheduledIn(WorkflowExecutionHistory history) {
        return history.getEvents().stream().filter(HistoryEvent::hasActivityTaskScheduledEventAttributes).count();
    }

    @Override
    public void close() {
        environment.close();
    }

    /** A step as the history shows it. */
    record ScheduledStep(String key, dev.pureflow.Action<?> action) {
        /** The branch path of the key: {@code main/0/1} of {@code main/0/1#2}. */
        String path() {
            return key.substring(0, key.indexOf('#'));
        }
    }

    /** Started workers on one task queue, and a runner that starts flows there. */
    record Deployment(WorkerFactory factory, String queue, TemporalRunner runner) implements AutoCloseable {
        @Override
        public void close() {
            factory.shutdownNow();
            factory.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
