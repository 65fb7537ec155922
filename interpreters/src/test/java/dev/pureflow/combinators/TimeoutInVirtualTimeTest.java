package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeoutInVirtualTimeTest {

    /** Sleeps {@code length} on the clock, then answers "slept". */
    record Nap(Duration length) implements Action<String> {}

    /** Fails at once. */
    record Break(String why) implements Action<String> {}

    /** A thread that was interrupted while it slept, and when. */
    record Interruption(Thread thread, Duration at) {}

    private final VirtualClock clock = VirtualClock.start();
    private final List<Interruption> interruptions = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    private final Executor world = action -> switch (action) {
        case Nap nap -> {
            workers.add(Thread.currentThread());
            try {
                clock.sleep(nap.length());
            } catch (InterruptedException interrupted) {
                interruptions.add(new Interruption(Thread.currentThread(), clock.elapsed()));
                throw interrupted;
            }
            yield "slept";
        }
        case Break broken -> throw new IOException(broken.why());
        default -> throw new IllegalArgumentException("unknown " + action);
    };

    private Runner runnerOf(Executor executor) {
        return Runner.of(executor).with(options -> options.clock(clock));
    }

    private static Nap nap(long seconds) {
        return new Nap(Duration.ofSeconds(seconds));
    }

    @Test
    void an_action_sleeping_60s_under_a_5s_timeout_fails_after_exactly_5s_naming_the_action_and_limit() {
        Try<String> outcome = runnerOf(world.with(timeout(Duration.ofSeconds(5), clock))).attempt(Program.perform(nap(60)));

        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class);
        ActionFailedException failed = (ActionFailedException) outcome.getCause();
        assertThat(failed.action()).isEqualTo(nap(60));
        assertThat(failed.getCause()).isInstanceOf(ActionTimeoutException.class)
                .hasMessage("action Nap[length=PT1M] did not finish within PT5S; its work was interrupted");
        ActionTimeoutException timedOut = (ActionTimeoutException) failed.getCause();
        assertThat(timedOut.action()).isEqualTo(nap(60));
        assertThat(timedOut.limit()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void the_timed_out_work_is_interrupted_at_the_limit_and_has_ended_when_the_step_fails() {
        runnerOf(world.with(timeout(Duration.ofSeconds(5), clock))).attempt(Program.perform(nap(60)));

        assertThat(interruptions).hasSize(1);
        Interruption interruption = interruptions.getFirst();
        assertThat(interruption.at()).isEqualTo(Duration.ofSeconds(5));
        assertThat(interruption.thread().getName()).isEqualTo("pureflow-timeout-Nap");
        assertThat(interruption.thread().isAlive()).as("worker still running after the step failed").isFalse();
    }

    @Test
    void the_flow_can_recover_from_an_action_timeout_and_go_on() {
        Program<String> flow = Program.perform(nap(60))
                .recover(error -> error.getCause() instanceof ActionTimeoutException timedOut
                        ? "gave up after " + timedOut.limit()
                        : "something else: " + error)
                .flatMap(message -> Program.perform(nap(1)).map(slept -> message + ", then " + slept));

        String value = runnerOf(world.with(timeout(Duration.ofSeconds(5), clock))).run(flow);

        assertThat(value).isEqualTo("gave up after PT5S, then slept");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void a_fast_action_under_a_timeout_succeeds_in_its_own_time() {
        String value = runnerOf(world.with(timeout(Duration.ofSeconds(5), clock))).run(Program.perform(nap(1)));

        assertThat(value).isEqualTo("slept");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(interruptions).isEmpty();
    }

    @Test
    void an_action_failing_fast_under_a_timeout_fails_with_its_own_error() {
        assertThatThrownBy(() -> runnerOf(world.with(timeout(Duration.ofSeconds(5), clock))).run(Program.perform(new Break("disk full"))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void each_parallel_branch_gets_its_own_limit() {
        Executor limited = world.with(timeout(Duration.ofSeconds(5), clock)).with(parallelize(3));
        Program<io.vavr.collection.List<String>> block = Program.parallel(
                Program.perform(nap(4)),
                Program.perform(nap(60)).recover(error -> "timed out"),
                Program.perform(nap(3)));

        var values = runnerOf(limited).run(block);

        assertThat(values).containsExactly("slept", "timed out", "slept");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
        assertThat(interruptions).extracting(Interruption::at).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retried_outside_timeout_retries_attempts_that_timed_out() {
        AtomicInteger attempts = new AtomicInteger();
        Executor slowThenFast = action -> world.execute(attempts.incrementAndGet() == 1 ? nap(60) : nap(1));
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(2))).withJitter(0);
        Executor executor = slowThenFast.with(timeout(Duration.ofSeconds(5), clock)).with(retried(policy, clock));

        String value = runnerOf(executor).run(Program.perform(nap(0)));

        assertThat(value).isEqualTo("slept");
        assertThat(attempts).hasValue(2);
        assertThat(clock.elapsed()).as("5 s timeout + 2 s delay + 1 s nap").isEqualTo(Duration.ofSeconds(8));
        assertThat(interruptions).extracting(Interruption::at).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void when_every_attempt_times_out_retried_gives_up_with_the_last_timeout() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))).withJitter(0);
        Executor executor = world.with(timeout(Duration.ofSeconds(5), clock)).with(retried(policy, clock));

        assertThatThrownBy(() -> runnerOf(executor).run(Program.perform(nap(60))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(ActionTimeoutException.class)
                .satisfies(last -> assertThat(last.getSuppressed()).hasSize(2).hasOnlyElementsOfType(ActionTimeoutException.class));
        assertThat(interruptions).extracting(Interruption::at)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(11), Duration.ofSeconds(17));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void a_run_cancelled_during_a_timed_action_interrupts_its_work_at_that_moment() {
        Runner runner = Runner.of(world.with(timeout(Duration.ofSeconds(5), clock)))
                .with(options -> options.clock(clock).timeout(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> runner.run(Program.perform(nap(60)))).isInstanceOf(FlowTimeoutException.class);

        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(interruptions).extracting(Interruption::at).containsExactly(Duration.ofSeconds(2));
        assertThat(interruptions.getFirst().thread().isAlive()).isFalse();
    }

    @Test
    void timeout_rejects_a_limit_that_is_not_positive_and_keeps_parallelism() {
        assertThatThrownBy(() -> timeout(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeout(null, clock)).isInstanceOf(NullPointerException.class).hasMessage("limit");

        assertThat(world.with(parallelize(4)).with(timeout(Duration.ofSeconds(1), clock)).parallelism()).isEqualTo(4);
    }
}
