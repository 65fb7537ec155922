package dev.pureflow.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The client side of running flows on Temporal: starts a flow registered on the workers
 * ({@link TemporalFlows}) by name with arguments, and hands back a {@link TemporalRunHandle} that
 * looks like the in-process {@link dev.pureflow.RunHandle}.
 *
 * <pre>{@code
 * TemporalRunner runner = TemporalRunner.of(client, "greetings");
 * TemporalRunHandle<Integer> run = runner.start("greet-all", 3, Integer.class);
 * int greeted = run.await(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Arguments travel as JSON, so they must be values Jackson maps (records, strings, numbers,
 * lists). Immutable and thread-safe.
 */
public final class TemporalRunner {

    private final WorkflowClient client;
    private final String taskQueue;

    private TemporalRunner(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /** A runner that starts flows on the workers polling {@code taskQueue} through {@code client}. */
    public static TemporalRunner of(WorkflowClient client, String taskQueue) {
        return new TemporalRunner(Objects.requireNonNull(client, "client"), Objects.requireNonNull(taskQueue, "taskQueue"));
    }

    /** Starts the flow {@code flow} with {@code arguments}; its value is read as {@code resultType}. */
    public <A> TemporalRunHandle<A> start(String flow, Object arguments, Class<A> resultType) {
        return start(flow, arguments, resultType, flow + "-" + UUID.randomUUID());
    }

    /** Starts the flow {@code flow}, which takes no arguments. */
    public <A> TemporalRunHandle<A> start(String flow, Class<A> resultType) {
        return start(flow, null, resultType);
    }

    /**
     * Starts the flow {@code flow} as the workflow {@code workflowId} (Temporal refuses a second
     * running workflow with the same id, which makes a start idempotent).
     */
    public <A> TemporalRunHandle<A> start(String flow, Object arguments, Class<A> resultType, String workflowId) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(workflowId, "workflowId");
        WorkflowStub stub = client.newUntypedWorkflowStub(flow, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .build());
        stub.start(PayloadCodec.INSTANCE.encode(arguments));
        WorkflowStub latestRun = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.of(flow));
        return new TemporalRunHandle<>(stub, latestRun, resultType);
    }

    /** The client this runner starts flows through. */
    public WorkflowClient client() {
        return client;
    }
}
