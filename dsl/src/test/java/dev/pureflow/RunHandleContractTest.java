package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Promises of {@link RunHandle} and {@link Runner} that only show at their edges: after the run,
 * at extreme time-outs, on interrupted callers, and in what a finished run still holds.
 */
class RunHandleContractTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void cancel_after_the_run_ended_does_not_interrupt_an_onComplete_callback_still_running_on_its_thread() throws Exception {
        CountDownLatch callbackStarted = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch callbackDone = new CountDownLatch(1);
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Gate("g")));
        world.awaitAtGate(1);
        handle.onComplete(outcome -> {
            callbackStarted.countDown();
            try {
                interrupted.set(!mayFinish.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            callbackDone.countDown();
        });
        world.openGate();
        assertThat(handle.await()).isEqualTo("g");
        assertThat(callbackStarted.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();
        mayFinish.countDown();

        assertThat(callbackDone.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the callback was interrupted by a cancel of its ended run").isFalse();
        assertThat(handle.isCancelled()).isFalse();
    }

    @Test
    void an_ended_run_keeps_none_of_the_callbacks_it_called() throws Exception {
        List<WeakReference<Object>> captured = new CopyOnWriteArrayList<>();
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Gate("g")));
        world.awaitAtGate(1);
        register(handle, captured);

        world.openGate();
        assertThat(handle.await()).isEqualTo("g");

        // the handle is still held here; what its callbacks captured must not be
        Awaiting.collected(captured);
        assertThat(handle.outcome().get().get()).isEqualTo("g");
    }

    private static void register(RunHandle<String> handle, List<WeakReference<Object>> captured) {
        Object big = new byte[1 << 20];
        captured.add(new WeakReference<>(big));
        handle.onComplete(outcome -> assertThat(big).isNotNull());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang detector
    void await_with_a_timeout_too_negative_to_count_in_nanoseconds_times_out_at_once() {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Block("forever")));
        try {
            assertThatThrownBy(() -> handle.await(Duration.ofSeconds(Long.MIN_VALUE))).isInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> handle.await(Duration.ofMillis(-1))).isInstanceOf(TimeoutException.class);
        } finally {
            handle.cancel();
            assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void an_interrupted_await_with_a_timeout_keeps_the_interrupt_and_lets_the_run_go_on() throws Exception {
        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Gate("g")));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS));
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waiter.join();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("the run goes on");
        assertThat(stillInterrupted).isTrue();
        world.awaitAtGate(1);
        world.openGate();
        assertThat(handle.await()).isEqualTo("g");
    }

    @Test
    void the_deadline_thread_of_a_run_has_ended_when_the_handle_completes() {
        List<Thread> deadlines = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> runThread = new AtomicReference<>();
        AtomicBoolean handleDoneFirst = new AtomicBoolean();
        AtomicReference<RunHandle<Integer>> handle = new AtomicReference<>();
        // a clock with a little work of its own after a thread's task, as any clock may have: it
        // lasts until the run's thread waits for it (joins it) or the handle has completed
        Clock clock = new ThreadStartingClock((name, task) -> {
            if (name.endsWith("-deadline")) {
                Thread deadline = Clock.system().startThread(name, () -> {
                    task.run();
                    Awaiting.untilWaitingOr(runThread.get(), () -> handle.get() != null && handle.get().isDone());
                    handleDoneFirst.set(handle.get() != null && handle.get().isDone());
                });
                deadlines.add(deadline);
                return deadline;
            }
            Thread run = Clock.system().startThread(name, () -> {
                runThread.set(Thread.currentThread());
                task.run();
            });
            return run;
        });
        Runner timed = runner.with(options -> options.clock(clock).timeout(Duration.ofSeconds(World.PATIENCE_SECONDS)));

        handle.set(timed.start(Program.perform(new Cmd.Get(1))));

        assertThat(handle.get().await()).isEqualTo(1);
        assertThat(deadlines).singleElement().satisfies(deadline -> assertThat(deadline.isAlive()).isFalse());
        assertThat(handleDoneFirst).as("the handle completed before the deadline thread ended").isFalse();
    }

    @Test
    void runners_executors_routers_and_the_system_clock_say_what_they_are() {
        Executor executor = world.executor();
        Runner shown = Runner.of(executor);

        assertThat(executor).hasToString("Executor.of(Cmd)");
        assertThat(shown.toString()).startsWith("Runner[Executor.of(Cmd), ").contains("Clock.system()");
        assertThat(Executor.routing().route(Cmd.class, executor).build()).hasToString("Router[Cmd]");
        assertThat(Clock.system()).hasToString("Clock.system()");
    }
}
