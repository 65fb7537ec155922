package dev.pureflow.bench;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.temporal.TemporalFlows;
import dev.pureflow.temporal.TemporalRunner;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What pureflow-temporal adds to a step (issue 12): a program of {@value #STEPS} sequential actions
 * walked by {@link TemporalFlows} on a worker and started by {@link TemporalRunner}, against a
 * hand-written {@code @WorkflowInterface} workflow that calls a plain {@code @ActivityInterface}
 * activity {@value #STEPS} times with the same record and the same work. Both run in the same JMH
 * fork, on one in-memory {@link TestWorkflowEnvironment}, each on its own task queue; the figure is
 * the time per step, workflow start and result included (spread over the steps). Not thread-safe:
 * JMH drives it from one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class TemporalOverheadBenchmark {

    static final int STEPS = 20;

    private static final String PUREFLOW_QUEUE = "pureflow";
    private static final String HAND_QUEUE = "hand";

    /** The activity's argument in both workflows: a step number and a payload of a realistic size. */
    public record Add(int step, String payload) implements Action<Integer> {}

    /** The work both activities do. */
    static int work(Add add) {
        return add.step() + add.payload().length();
    }

    /** The hand-written workflow: the activity, {@code steps} times in sequence, summed. */
    @WorkflowInterface
    public interface SumWorkflow {
        @WorkflowMethod
        int sum(int steps);
    }

    /** The hand-written activity. */
    @ActivityInterface
    public interface AddActivity {
        @ActivityMethod
        int add(Add add);
    }

    /** The activity's implementation, the same work as the pureflow executor's. */
    public static final class AddActivityImpl implements AddActivity {
        @Override
        public int add(Add add) {
            return work(add);
        }
    }

    /** The workflow's implementation, with the activity options pureflow-temporal uses by default. */
    public static final class SumWorkflowImpl implements SumWorkflow {
        private final AddActivity activity = Workflow.newActivityStub(AddActivity.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

        @Override
        public int sum(int steps) {
            int total = 0;
            for (int i = 0; i < steps; i++) {
                total += activity.add(new Add(i, "deploy web-" + i));
            }
            return total;
        }
    }

    /** The same flow as a pureflow program. */
    static Program<Integer> sum(int steps) {
        return Program.traverse(io.vavr.collection.List.range(0, steps), i -> Program.perform(new Add(i, "deploy web-" + i)))
                .map(values -> values.sum().intValue());
    }

    private final AtomicLong runs = new AtomicLong();
    private TestWorkflowEnvironment environment;
    private WorkerFactory workers;
    private WorkflowClient client;
    private TemporalRunner runner;
    private int expected;

    @Setup
    public void setUp() throws Exception {
        environment = TestWorkflowEnvironment.newInstance();
        client = environment.getWorkflowClient();
        workers = WorkerFactory.newInstance(client);

        TemporalFlows flows = TemporalFlows.builder()
                .flow("sum", Integer.class, TemporalOverheadBenchmark::sum)
                .executor(Executor.of(Add.class, TemporalOverheadBenchmark::work))
                .build();
        flows.registerOn(workers.newWorker(PUREFLOW_QUEUE));

        Worker hand = workers.newWorker(HAND_QUEUE);
        hand.registerWorkflowImplementationTypes(SumWorkflowImpl.class);
        hand.registerActivitiesImplementations(new AddActivityImpl());

        workers.start();
        environment.start();
        runner = TemporalRunner.of(client, PUREFLOW_QUEUE);

        for (int i = 0; i < STEPS; i++) {
            expected += work(new Add(i, "deploy web-" + i));
        }
        // both must compute the same thing, or the comparison means nothing
        check(pureflow(), "pureflow");
        check(handWritten(), "hand-written");
    }

    private void check(int value, String which) {
        if (value != expected) {
            throw new IllegalStateException(which + " workflow returned " + value + ", expected " + expected);
        }
    }

    @TearDown
    public void tearDown() {
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        environment.close();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int pureflow() throws Exception {
        return runner.start("sum", STEPS, Integer.class, "pureflow-" + runs.incrementAndGet()).await(Duration.ofMinutes(5));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int handWritten() {
        SumWorkflow workflow = client.newWorkflowStub(SumWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(HAND_QUEUE)
                .setWorkflowId("hand-" + runs.incrementAndGet())
                .build());
        return workflow.sum(STEPS);
    }
}
