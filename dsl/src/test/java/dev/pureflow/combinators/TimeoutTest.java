package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Combinators#timeout}: an action past its limit is interrupted and fails with ActionTimeoutException. */
class TimeoutTest {

    private static final Duration LIMIT = Duration.ofMillis(200);
    private static final long PATIENCE_SECONDS = 10;

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final AtomicReference<Thread> worker = new AtomicReference<>();
    /** Work blocks on a latch that never opens; Flaky fails at once; Login answers at once. */
    private final Executor base = Executor.of(Task.class, task -> switch (task) {
        case Task.Work work -> {
            worker.set(Thread.currentThread());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            yield work.name();
        }
        case Task.Flaky flaky -> throw new IllegalStateException("failed in time");
        case Task.Login login -> login.user();
    });

    @Test
    void an_action_past_its_limit_fails_with_a_timeout_naming_action_and_limit_and_its_work_is_interrupted() throws Exception {
        Runner runner = Runner.of(base.with(timeout(LIMIT)));

        assertThatThrownBy(() -> runner.run(Program.perform(new Task.Work("stuck"))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(ActionTimeoutException.class)
                .hasMessageContaining("Work[name=stuck]")
                .hasMessageContaining(LIMIT.toString())
                .satisfies(error -> {
                    assertThat(((ActionTimeoutException) error).action()).isEqualTo(new Task.Work("stuck"));
                    assertThat(((ActionTimeoutException) error).limit()).isEqualTo(LIMIT);
                });
        assertThat(interrupted.getCount()).as("the worker was interrupted").isZero();
        assertThat(worker.get().isAlive()).as("the worker was joined before the failure was reported").isFalse();
        assertThat(worker.get().getName()).startsWith("pureflow-timeout-");
    }

    @Test
    void a_timed_out_action_has_finished_its_cleanup_before_the_timeout_is_reported() throws Exception {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        // on its interrupt the action cleans up until its caller waits for it (joins it) or has
        // reported the timeout without waiting: the order of the two events tells which
        Executor cleansUpSlowly = Executor.of(Task.class, task -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                awaitJoinOrReport(caller.get(), reported);
                events.add("cleaned up");
            }
            return "never";
        });
        Executor timed = cleansUpSlowly.with(timeout(LIMIT));
        Executor recording = action -> {
            caller.set(Thread.currentThread());
            try {
                return timed.execute(action);
            } catch (ActionTimeoutException timedOut) {
                events.add("timeout reported");
                reported.countDown();
                throw timedOut;
            }
        };

        assertThatThrownBy(() -> Runner.of(recording).run(Program.perform(new Task.Work("slow to stop"))))
                .hasCauseInstanceOf(ActionTimeoutException.class);
        assertThat(events).containsExactly("cleaned up", "timeout reported");
    }

    @Test
    void a_cancelled_action_under_a_timeout_has_finished_its_cleanup_before_the_run_ends() throws Exception {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Executor cleansUpSlowly = Executor.of(Task.class, task -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                awaitJoinOrReport(caller.get(), ended);
                events.add("cleaned up");
            }
            return "never";
        });
        Executor recordingCaller = cleansUpSlowly.with(timeout(Duration.ofSeconds(60)));
        Executor timed = action -> {
            caller.set(Thread.currentThread());
            return recordingCaller.execute(action);
        };
        RunHandle<String> handle = Runner.of(timed).start(Program.perform(new Task.Work("cancelled")));
        handle.onComplete(outcome -> {
            events.add("run ended");
            ended.countDown();
        });
        assertThat(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(ended.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("cleaned up", "run ended");
    }

    @Test
    void the_thread_of_an_action_that_answered_in_time_has_ended_when_the_answer_is_returned() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CountDownLatch returned = new CountDownLatch(1);
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a clock with a little work of its own after a thread's task, as any clock may have (the
        // virtual one counts the thread idle): it lasts until the caller joins or has returned
        dev.pureflow.Clock clock = new dev.pureflow.Clock() {
            private final dev.pureflow.Clock system = dev.pureflow.Clock.system();

            @Override
            public java.time.Instant instant() {
                return system.instant();
            }

            @Override
            public long nanoTime() {
                return system.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                system.sleep(duration);
            }

            @Override
            public void await(java.util.concurrent.CompletionStage<?> stage) throws InterruptedException {
                system.await(stage);
            }

            @Override
            public boolean await(java.util.concurrent.CompletionStage<?> stage, Duration timeout) throws InterruptedException {
                return system.await(stage, timeout);
            }

            @Override
            public Thread startThread(String name, Runnable task) {
                return system.startThread(name, () -> {
                    task.run();
                    awaitJoinOrReport(caller.get(), returned);
                    events.add("worker ended");
                });
            }
        };
        Executor timed = base.with(timeout(Duration.ofSeconds(PATIENCE_SECONDS), clock));
        Executor recording = action -> {
            caller.set(Thread.currentThread());
            Object answer = timed.execute(action);
            events.add("answer returned");
            returned.countDown();
            return answer;
        };

        assertThat(Runner.of(recording).run(Program.perform(new Task.Login("ann", "pw")))).isEqualTo("ann");
        assertThat(events).containsExactly("worker ended", "answer returned");
    }

    /** Waits until {@code caller} is parked in a join or the timeout was reported, with a generous deadline. */
    private static void awaitJoinOrReport(Thread caller, CountDownLatch reported) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (reported.getCount() > 0 && !joining(caller) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Parked in a join, not merely waiting for a lock on its way elsewhere. */
    private static boolean joining(Thread thread) {
        return thread.getState() == Thread.State.WAITING
                && java.util.Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("join"));
    }

    @Test
    void an_action_within_its_limit_answers_as_usual() {
        String answer = Runner.of(base.with(timeout(Duration.ofSeconds(PATIENCE_SECONDS)))).run(Program.perform(new Task.Login("ann", "pw")));

        assertThat(answer).isEqualTo("ann");
    }

    @Test
    void an_action_that_fails_within_its_limit_fails_with_its_own_error() {
        Runner runner = Runner.of(base.with(timeout(Duration.ofSeconds(PATIENCE_SECONDS))));

        assertThatThrownBy(() -> runner.run(Program.perform(new Task.Flaky("f"))))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseExactlyInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("failed in time");
    }

    @Test
    void cancelling_the_run_interrupts_the_work_under_a_timeout() throws Exception {
        RunHandle<String> handle = Runner.of(base.with(timeout(Duration.ofSeconds(60)))).start(Program.perform(new Task.Work("long")));
        assertThat(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(interrupted.getCount()).isZero();
        assertThat(worker.get().isAlive()).isFalse();
    }

    @Test
    void a_timed_out_action_can_be_retried() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Executor slowOnce = Executor.of(Task.class, task -> {
            if (attempts.incrementAndGet() == 1) {
                new CountDownLatch(1).await();
            }
            return "second attempt";
        });
        Executor executor = slowOnce
                .with(timeout(Duration.ofMillis(500)))
                .with(Combinators.retried(RetryPolicy.DEFAULT.withBackoff(Backoff.none()).withJitter(0)));

        assertThat(Runner.of(executor).run(Program.perform(new Task.Work("w")))).isEqualTo("second attempt");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void the_limit_must_be_positive() {
        assertThatThrownBy(() -> timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be positive");
        assertThatThrownBy(() -> timeout(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("limit");
    }

    @Test
    void timeout_keeps_the_parallelism_of_the_executor_it_wraps() {
        assertThat(base.with(Combinators.parallelize(4)).with(timeout(LIMIT)).parallelism()).isEqualTo(4);
    }
}
