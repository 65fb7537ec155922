package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.BuiltIn;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.Combinators;
import dev.pureflow.combinators.RetryPolicy;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The same flow gives the same value, the same error and the same actions on each branch (as a
 * multiset) in-process and on Temporal: the greeting example, the testkit showcase's deploy
 * pipeline, parallel blocks, brackets, recovery, retries, a lifecycle frame, a state machine and a
 * direct-style flow.
 */
class DifferentialTest {

    private static final RetryPolicy THREE_ATTEMPTS = RetryPolicy.DEFAULT.withMaxAttempts(3)
            .withBackoff(Backoff.fixed(Duration.ofMillis(1))).withJitter(0);

    private static TemporalTestService service;

    @BeforeAll
    static void startService() {
        service = new TemporalTestService();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    /** What a run showed: its outcome (an error as class and message) and its actions per branch. */
    record Observed(Try<Object> outcome, Map<String, Map<String, Long>> actionsByBranch) {}

    @ParameterizedTest
    @ValueSource(strings = {"greeting", "parallel-failing", "parallel-nested", "bracket-failing", "bracket", "recovered", "direct",
            "continuation-throws", "deploy", "deploy-failing", "frame", "state-machine"})
    void flow_gives_the_same_value_error_and_actions_per_branch_in_process_and_on_temporal(String flow) throws Exception {
        Observed local = local(flow, 3, new OpExecutor());
        Observed temporal = onTemporal(flow, 3, new OpExecutor(), TemporalOptions.DEFAULT);

        assertThat(temporal.outcome()).isEqualTo(local.outcome());
        assertThat(temporal.actionsByBranch()).isEqualTo(local.actionsByBranch());
        assertThat(local.actionsByBranch()).isNotEmpty();
    }

    @Test
    void retried_flow_makes_as_many_attempts_on_temporal_as_the_retried_combinator_in_process() throws Exception {
        OpExecutor localExecutor = new OpExecutor();
        Observed local = local("retried", 5, localExecutor.with(Combinators.retried(THREE_ATTEMPTS)));
        OpExecutor temporalExecutor = new OpExecutor();
        Observed temporal = onTemporal("retried", 5, temporalExecutor, TemporalOptions.DEFAULT.withRetries(THREE_ATTEMPTS));

        assertThat(temporal.outcome()).isEqualTo(local.outcome()).isEqualTo(Try.success(3));
        assertThat(temporal.actionsByBranch()).isEqualTo(local.actionsByBranch());
        assertThat(temporalExecutor.calls()).hasSize(3).isEqualTo(localExecutor.calls());
    }

    private static Observed local(String flow, int argument, dev.pureflow.Executor executor) {
        Map<Long, Step> steps = new ConcurrentHashMap<>();
        StepListener listener = new StepListener() {
            @Override
            public void started(Step step) {
                steps.put(step.number(), step);
            }
        };
        Try<Object> outcome = Runner.of(executor).with(options -> options.listener(listener))
                .attempt(TestFlows.ALL.get(flow).apply(argument)).map(value -> (Object) value);
        // the executor's actions: built-in ones (publish, read a message) are the interpreter's, never activities
        return new Observed(normalised(outcome), byBranch(steps.values().stream()
                .filter(step -> !(step.action() instanceof BuiltIn<?>))
                .map(step -> Map.<String, Action<?>>entry(step.branch(), step.action())).toList()));
    }

    private static Observed onTemporal(String flow, int argument, dev.pureflow.Executor executor, TemporalOptions options) {
        try (TemporalTestService.Deployment deployment = service.deploy(TestFlows.registered(executor, options))) {
            TemporalRunHandle<Object> run = deployment.runner().start(flow, argument, Object.class);
            Try<Object> outcome = run.awaitOutcome();
            List<Map.Entry<String, Action<?>>> steps = service.scheduled(run.workflowId()).stream()
                    .map(step -> Map.<String, Action<?>>entry(step.path(), step.action()))
                    .toList();
            return new Observed(normalised(outcome), byBranch(steps));
        }
    }

    /** An error as its class and message; a failed action's error as the executor's. */
    private static Try<Object> normalised(Try<Object> outcome) {
        return outcome.recoverWith(error -> {
            Throwable cause = error instanceof ActionFailedException failed ? failed.getCause() : error;
            return Try.failure(new AssertionError(cause.getClass().getName() + ": " + cause.getMessage()));
        }).recover(AssertionError.class, failure -> failure.getMessage());
    }

    private static Map<String, Map<String, Long>> byBranch(List<Map.Entry<String, Action<?>>> steps) {
        return steps.stream().collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new,
                Collectors.groupingBy(step -> step.getValue().toString(), TreeMap::new, Collectors.counting())));
    }
}
