package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.temporal.TemporalFlows;
import dev.pureflow.temporal.TemporalRunHandle;
import dev.pureflow.temporal.TemporalRunner;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The README's "Running on Temporal" section, on the in-memory Temporal service. */
class TemporalReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);

    @Test
    void the_greeting_flow_runs_on_temporal_as_it_runs_in_process() throws Exception {
        try (TestWorkflowEnvironment testService = TestWorkflowEnvironment.newInstance()) {
            testService.start();
            greetOn(testService.getWorkflowClient());
        }
    }

    private void greetOn(WorkflowClient client) throws Exception {
        // README: temporal-worker
        TemporalFlows flows = TemporalFlows.builder()
                .flow("greet-all", GreetingFlows::greetAll)
                .flow("greet-all-direct", GreetingFlows::greetAllDirect)
                .executor(executor)
                .build();
        WorkerFactory workers = WorkerFactory.newInstance(client);
        flows.registerOn(workers.newWorker("greetings"));
        workers.start();
        // END README
        try {
            // README: temporal-client
            TemporalRunner runner = TemporalRunner.of(client, "greetings");
            TemporalRunHandle<Integer> run = runner.start("greet-all", Integer.class);
            assertThat(run.await(Duration.ofMinutes(1))).isEqualTo(3);
            assertThat(lines).containsExactly("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");
            // END README
            lines.clear();
            assertThat(runner.start("greet-all-direct", Integer.class).await(Duration.ofMinutes(1))).isEqualTo(3);
            assertThat(lines).containsExactly("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void a_long_loop_continues_as_new_keeps_its_count_and_stops_on_a_message() throws Exception {
        try (TestWorkflowEnvironment testService = TestWorkflowEnvironment.newInstance()) {
            testService.start();
            WorkflowClient client = testService.getWorkflowClient();
            // README: temporal-long-loop
            // greets once a round until told to stop; its state, the rounds so far, is a plain value
            Program<Integer> greeter = Program.loop("greeter", 0, (Integer rounds) -> Program.perform(new Cmd.Greet("round " + rounds))
                    .andThen(Program.publish("rounds", rounds + 1))
                    .andThen(Program.readMessage("stop", Boolean.class))
                    .map(stop -> stop.contains(true) ? Either.<Integer, Integer>right(rounds + 1) : Either.<Integer, Integer>left(rounds + 1)));
            TemporalFlows flows = TemporalFlows.builder()
                    .flow("greeter", () -> greeter)
                    .executor(executor)
                    .continueAsNewEvery(20) // a fresh run every 20 rounds (500 by default)
                    .build();
            // END README
            WorkerFactory workers = WorkerFactory.newInstance(client);
            flows.registerOn(workers.newWorker("greeter"));
            workers.start();
            try {
                TemporalRunHandle<Integer> run = TemporalRunner.of(client, "greeter").start("greeter", Integer.class);
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (run.published("rounds", Integer.class).getOrElse(0) <= 50) { // in the chain's third run
                    assertThat(System.nanoTime()).as("the greeter's third run greets").isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
                run.send("stop", true);
                int rounds = run.await(Duration.ofMinutes(2));
                assertThat(run.published("rounds", Integer.class)).contains(rounds);
                assertThat(lines).hasSize(rounds).startsWith("Hi, round 0!").endsWith("Hi, round " + (rounds - 1) + "!");
            } finally {
                workers.shutdownNow();
            }
        }
    }

    @Test
    void a_client_for_a_real_cluster_is_made_from_its_address_without_connecting_yet() {
        // README: temporal-cluster
        WorkflowServiceStubs cluster = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("temporal.example.internal:7233").build());
        WorkflowClient client = WorkflowClient.newInstance(cluster,
                WorkflowClientOptions.newBuilder().setNamespace("deployments").build());
        // END README
        try {
            assertThat(client.getOptions().getNamespace()).isEqualTo("deployments");
            assertThat(cluster.getOptions().getTarget()).isEqualTo("temporal.example.internal:7233");
        } finally {
            cluster.shutdownNow();
        }
    }
}
