package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.FlowFailedException;
import dev.pureflow.Program;
import dev.pureflow.combinators.ActionTimeoutException;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running flows on the in-memory Temporal service: retries, time, cancellation, limits, lost workers. */
class TemporalRunTest {

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
    void temporal_retries_make_exactly_the_attempts_the_policy_allows_and_skip_hours_of_backoff() throws Exception {
        RetryPolicy hourly = RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0)
                .withBackoff(Backoff.exponential(Duration.ofHours(1), 2.0, Duration.ofHours(4)));
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).options(TemporalOptions.DEFAULT.withRetries(hourly))
                .flow("flaky", Integer.class, failures -> Program.perform(new Op.Flaky("f", failures)))
                .build();
        long before = service.environment.currentTimeMillis();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("flaky", 3, Integer.class).await(HANG_DETECTOR)).isEqualTo(4);
        }

        assertThat(executor.calls()).hasSize(4);
        // 1 h + 2 h + 4 h of backoff, skipped by the test service's clock
        assertThat(Duration.ofMillis(service.environment.currentTimeMillis() - before)).isGreaterThanOrEqualTo(Duration.ofHours(7));
    }

    @Test
    void temporal_retries_stop_at_max_attempts_and_fail_with_the_last_error() {
        RetryPolicy twice = RetryPolicy.DEFAULT.withMaxAttempts(2).withJitter(0).withBackoff(Backoff.fixed(Duration.ofMinutes(1)));
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).options(TemporalOptions.DEFAULT.withRetries(twice))
                .flow("flaky", Integer.class, failures -> Program.perform(new Op.Flaky("g", failures)))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("flaky", 5, Integer.class).await(HANG_DETECTOR))
                    .hasMessageContaining("attempt 2 of g failed");
        }
        assertThat(executor.calls()).hasSize(2);
    }

    @Test
    void error_the_policy_does_not_retry_fails_at_the_first_attempt() {
        RetryPolicy onlyTimeouts = RetryPolicy.DEFAULT.withMaxAttempts(5).retryingOn(java.util.concurrent.TimeoutException.class);
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor).options(TemporalOptions.DEFAULT.withRetries(onlyTimeouts))
                .flow("flaky", Integer.class, failures -> Program.perform(new Op.Flaky("h", failures)))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("flaky", 5, Integer.class).await(HANG_DETECTOR))
                    .isInstanceOf(dev.pureflow.FlowFailedException.class)
                    .hasCauseInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("attempt 1 of h failed");
        }
        assertThat(executor.calls()).hasSize(1);
    }

    @Test
    void without_a_temporal_policy_each_action_gets_exactly_one_attempt() {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor)
                .flow("flaky", Integer.class, failures -> Program.perform(new Op.Flaky("once", failures)))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("flaky", 1, Integer.class).await(HANG_DETECTOR))
                    .hasMessageContaining("attempt 1 of once failed");
        }
        assertThat(executor.calls()).hasSize(1);
    }

    @Test
    void cancelling_a_flow_interrupts_its_running_activity_and_still_releases_its_bracket() throws Exception {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor)
                .options(TemporalOptions.DEFAULT.withHeartbeatTimeout(Duration.ofSeconds(1)))
                .flow("hold", () -> Program.bracket(
                        Program.perform(new Op.Acquire("db")),
                        lease -> Program.perform(new Op.Hang(lease)),
                        lease -> Program.perform(new Op.Release(lease))))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Void> run = deployment.runner().start("hold", Void.class);
            assertThat(executor.hanging.await(HANG_DETECTOR.toSeconds(), TimeUnit.SECONDS)).isTrue();
            run.cancel();

            assertThatThrownBy(() -> run.await(HANG_DETECTOR)).isInstanceOf(CancellationException.class);
        }
        assertThat(executor.interrupted).hasValue(1);
        assertThat(executor.calls()).containsExactly(new Op.Acquire("db"), new Op.Hang("lease-db"), new Op.Release("lease-db"));
    }

    @Test
    void cancelling_a_flow_kills_the_process_tree_of_its_running_process_action(@TempDir Path directory) throws Exception {
        Path childPid = directory.resolve("child.pid");
        Command command = Command.shell("sleep 300 & echo $! > '" + childPid + "'; wait");
        try (ProcessExecutor processes = ProcessExecutor.create();
                TemporalTestService.Deployment deployment = service.deploy(TemporalFlows.builder().executor(processes)
                        .options(TemporalOptions.DEFAULT.withHeartbeatTimeout(Duration.ofSeconds(1)))
                        .flow("sleepy", () -> Program.perform(ProcessAction.run(command)))
                        .build())) {
            TemporalRunHandle<Object> run = deployment.runner().start("sleepy", Object.class);
            long pid = awaitPid(childPid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

            run.cancel();

            assertThatThrownBy(() -> run.await(HANG_DETECTOR)).isInstanceOf(CancellationException.class);
            awaitCondition(() -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true), "the child sleep " + pid + " has ended");
        }
    }

    private static long awaitPid(Path file) throws Exception {
        awaitCondition(() -> {
            try {
                return Files.exists(file) && Files.readString(file).strip().matches("\\d+");
            } catch (java.io.IOException notYet) {
                return false;
            }
        }, file + " holds a pid");
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Polls {@code condition} until it holds; the deadline only detects a hang. */
    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + HANG_DETECTOR.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until %s", what).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void action_over_the_payload_limit_fails_with_an_error_naming_the_action() {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor)
                .flow("big-action", () -> Program.perform(new Op.Echo("x".repeat(PayloadTooLargeException.LIMIT_BYTES))))
                .flow("big-answer", () -> Program.perform(new Op.Blob(PayloadTooLargeException.LIMIT_BYTES + 1)))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("big-action", String.class).await(HANG_DETECTOR))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .hasMessageContaining("main#0 dev.pureflow.temporal.Op$Echo is 2097163 bytes");
            assertThatThrownBy(() -> deployment.runner().start("big-answer", String.class).await(HANG_DETECTOR))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .hasMessageContaining("the answer of Blob[size=2097153]");
        }
        assertThat(executor.calls()).containsExactly(new Op.Blob(PayloadTooLargeException.LIMIT_BYTES + 1));
    }

    @Test
    void action_running_past_the_action_timeout_fails_with_an_action_timeout_the_flow_can_recover_from() throws Exception {
        OpExecutor executor = new OpExecutor();
        TemporalFlows flows = TemporalFlows.builder().executor(executor)
                .options(TemporalOptions.DEFAULT.withActionTimeout(Duration.ofSeconds(2)).withHeartbeatTimeout(Duration.ofSeconds(1)))
                .flow("slow", () -> Program.perform(new Op.Hang("slow")).map(ignored -> "done")
                        .recover(ActionTimeoutException.class, timedOut -> "timed out after " + timedOut.limit()))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("slow", String.class).await(HANG_DETECTOR)).isEqualTo("timed out after PT2S");
        }
    }

    @Test
    void flow_of_a_hundred_thousand_binds_runs_on_a_workflow_thread_without_overflowing_its_stack() throws Exception {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor())
                .flow("deep", Integer.class, depth -> {
                    Program<Integer> program = Program.perform(new Op.Add(0, 0));
                    for (int i = 0; i < depth; i++) {
                        program = program.flatMap(n -> Program.pure(n + 1));
                    }
                    return program;
                })
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("deep", 100_000, Integer.class).await(HANG_DETECTOR)).isEqualTo(100_000);
        }
    }

    @Test
    void flow_survives_the_loss_of_its_action_worker_and_no_completed_action_runs_twice() throws Exception {
        RetryPolicy retry = RetryPolicy.DEFAULT.withMaxAttempts(3).withJitter(0).withBackoff(Backoff.fixed(Duration.ofSeconds(1)));
        TemporalOptions options = TemporalOptions.DEFAULT.withRetries(retry).withHeartbeatTimeout(Duration.ofSeconds(1))
                .withActionTaskQueue("actions");
        Program<Integer> flow = Program.perform(new Op.Add(1, 1))
                .flatMap(sum -> Program.perform(new Op.Hang("gate")).andThen(Program.perform(new Op.Add(sum, 2))));
        OpExecutor lostExecutor = new OpExecutor();
        OpExecutor replacementDelegate = new OpExecutor();
        AtomicInteger gateOnReplacement = new AtomicInteger();
        Executor replacementExecutor = action -> {
            if (action instanceof Op.Hang) {
                gateOnReplacement.incrementAndGet();
                return null;
            }
            return replacementDelegate.execute(action);
        };
        TemporalFlows walking = TemporalFlows.builder().executor(new OpExecutor()).options(options).flow("gated", () -> flow).build();
        TemporalFlows lost = TemporalFlows.builder().executor(lostExecutor).options(options).flow("gated", () -> flow).build();
        TemporalFlows replacement = TemporalFlows.builder().executor(replacementExecutor).options(options).flow("gated", () -> flow).build();

        // a service of its own: closing a worker in the middle of an activity is this test's business, and
        // a workflow it left open would keep the shared service from skipping time in the tests after it
        try (TemporalTestService ownService = new TemporalTestService();
             TemporalTestService.Deployment flows = ownService.deploy("flows", walking::registerFlowsOn)) {
            TemporalTestService.Deployment lostWorker = ownService.deploy("actions", lost::registerActionsOn);
            TemporalRunHandle<Integer> run = flows.runner().start("gated", Integer.class);
            assertThat(lostExecutor.hanging.await(HANG_DETECTOR.toSeconds(), TimeUnit.SECONDS)).isTrue();
            lostWorker.close();

            TemporalTestService.Deployment replacementWorker = ownService.deploy("actions", replacement::registerActionsOn);
            try {
                assertThat(run.await(HANG_DETECTOR)).isEqualTo(4);
            } finally {
                replacementWorker.close();
            }
        }
        assertThat(lostExecutor.calls()).containsExactly(new Op.Add(1, 1), new Op.Hang("gate"));
        assertThat(lostExecutor.interrupted).hasValue(1);
        assertThat(replacementDelegate.calls()).containsExactly(new Op.Add(2, 2));
        assertThat(gateOnReplacement).hasValue(1);
    }

    @Test
    void action_failing_with_an_interrupt_fails_the_flow_with_it_rather_than_its_workflow_task_forever() throws Exception {
        // vavr's Try.failure throws an InterruptedException instead of holding it: a walk that made one of
        // the flow's error threw it out of the workflow method, and Temporal retried the task forever
        Executor interrupting = action -> {
            throw new InterruptedException("the disk went away");
        };
        TemporalFlows flows = TemporalFlows.builder().executor(interrupting)
                .flow("interrupted", () -> Program.perform(new Op.Add(1, 2)))
                .flow("recovered", () -> Program.perform(new Op.Add(1, 2)).recover(InterruptedException.class, interrupt -> -1))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            TemporalRunHandle<Integer> interrupted = deployment.runner().start("interrupted", Integer.class);
            assertThatThrownBy(() -> interrupted.await(HANG_DETECTOR))
                    .isInstanceOf(FlowFailedException.class)
                    .cause().isInstanceOf(InterruptedException.class).hasMessage("the disk went away");
            assertThat(FatalErrorException.unwrapped(interrupted.awaitOutcome().getCause()))
                    .isInstanceOf(InterruptedException.class).hasMessage("the disk went away");
            assertThat(deployment.runner().start("recovered", Integer.class).await(HANG_DETECTOR)).isEqualTo(-1);
        }
    }

    @Test
    void direct_body_calling_its_flow_from_inside_a_step_it_runs_fails_that_step_with_a_clear_error() throws Exception {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor())
                .flow("misused", () -> Program.direct(flow -> "added " + flow.run(Program.defer(() -> Program.pure(flow.perform(new Op.Add(1, 2))))))
                        .recover(IllegalStateException.class, Throwable::getMessage))
                .flow("nested", () -> Program.direct(outer -> outer.perform(new Op.Add(1, 2))
                        + outer.run(Program.direct(inner -> inner.perform(new Op.Add(3, 4))))))
                .build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThat(deployment.runner().start("misused", String.class).await(HANG_DETECTOR))
                    .isEqualTo("a Flow cannot be used from inside a step its body is running (a defer thunk, a nested body)");
            assertThat(deployment.runner().start("nested", Integer.class).await(HANG_DETECTOR)).isEqualTo(10);
        }
    }

    @Test
    void unknown_flow_name_fails_the_run_with_the_names_the_workers_know() {
        TemporalFlows flows = TemporalFlows.builder().executor(new OpExecutor()).flow("known", () -> Program.pure(1)).build();

        try (TemporalTestService.Deployment deployment = service.deploy(flows)) {
            assertThatThrownBy(() -> deployment.runner().start("unknown", Integer.class).await(HANG_DETECTOR))
                    .hasMessageContaining("no flow named unknown is registered on this worker; registered: known");
        }
    }
}
