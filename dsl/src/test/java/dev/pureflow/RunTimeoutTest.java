package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Try;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** A run-level deadline ({@link RunOptions#timeout}): the run is cancelled and fails with FlowTimeoutException. */
class RunTimeoutTest {

    private static final Duration LIMIT = Duration.ofMillis(200);

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor()).with(options -> options.timeout(LIMIT));

    @Test
    void a_run_past_its_deadline_fails_with_flow_timeout_exception_naming_the_limit() {
        Program<String> flow = Program.perform(new Cmd.Block("too slow"));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(FlowTimeoutException.class)
                .hasMessageContaining(LIMIT.toString())
                .satisfies(error -> assertThat(((FlowTimeoutException) error).timeout()).isEqualTo(LIMIT));
        assertThat(world.interrupted).as("the blocked action was interrupted").hasValue(1);
    }

    @Test
    void a_direct_body_computing_when_the_deadline_passes_fails_the_run_with_the_flow_timeout() throws Exception {
        java.util.concurrent.CountDownLatch deadlineEnforced = new java.util.concurrent.CountDownLatch(1);
        // the system clock, telling the test when the run's deadline thread has cancelled the run
        Clock clock = new ThreadStartingClock((name, task) -> Clock.system().startThread(name, name.endsWith("-deadline") ? () -> {
            try {
                task.run();
            } finally {
                deadlineEnforced.countDown();
            }
        } : task));
        java.util.concurrent.atomic.AtomicReference<Throwable> seenByBody = new java.util.concurrent.atomic.AtomicReference<>();
        Program<Integer> flow = Program.direct(f -> {
            int first = f.perform(new Cmd.Get(1));
            // computing, not performing, while the deadline passes; an interrupt may end the wait early
            try {
                deadlineEnforced.await(World.PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                // the run was cancelled: the next perform says how
            }
            try {
                return first + f.perform(new Cmd.Get(2));
            } catch (CancellationException cancelled) {
                seenByBody.set(cancelled);
                throw cancelled;
            }
        });

        Try<Integer> outcome = runner.with(options -> options.clock(clock)).attempt(flow);

        assertThat(outcome.isFailure()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(seenByBody.get()).as("what the body's perform threw").isInstanceOf(FlowTimeoutException.class);
        assertThat(world.performed).containsExactly(new Cmd.Get(1));
    }

    @Test
    void a_timed_out_run_runs_its_finalizers_and_its_handle_reports_cancellation() {
        Program<String> flow = Program.perform(new Cmd.Block("too slow")).ensuring(Program.perform(new Cmd.Note("cleanup")));
        RunHandle<String> handle = runner.start(flow);

        assertThatThrownBy(handle::await).isInstanceOf(FlowTimeoutException.class);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(handle.outcome().get().getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(world.performed).containsExactly(new Cmd.Block("too slow"), new Cmd.Note("cleanup"));
    }

    @Test
    void attempt_returns_the_timeout_as_the_failure_of_the_run() {
        Try<String> outcome = runner.attempt(Program.perform(new Cmd.Block("too slow")));

        assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
    }

    @Test
    void a_timeout_is_not_an_error_the_flow_can_recover_from() {
        Program<String> flow = Program.perform(new Cmd.Block("too slow")).recover(error -> "recovered");

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(CancellationException.class);
    }

    @Test
    void a_run_that_ends_in_time_is_not_affected_by_the_deadline() {
        // a generous deadline: a slow, shared machine must not turn this into a timeout
        Runner generous = Runner.of(world.executor()).with(options -> options.timeout(Duration.ofSeconds(World.PATIENCE_SECONDS)));

        int value = generous.run(Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Cmd.Get(n + 1))));

        assertThat(value).isEqualTo(2);
    }

    @Test
    void the_timeout_must_be_positive() {
        assertThatThrownBy(() -> RunOptions.DEFAULT.timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> RunOptions.DEFAULT.timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
