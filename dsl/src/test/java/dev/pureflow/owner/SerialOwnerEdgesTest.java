package dev.pureflow.owner;

import static dev.pureflow.owner.SerialOwnerTest.awaitCondition;
import static dev.pureflow.owner.SerialOwnerTest.awaitWaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.Clock;
import dev.pureflow.owner.SerialOwnerTest.Journal;
import dev.pureflow.watch.RecordingLogger;
import dev.pureflow.watch.SystemClockForwarder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SerialOwner} at its edges: calls whose callers stop waiting, what the close logs and leaves
 * behind, how an idle loop waits, and the owner's own names.
 */
@Timeout(120) // hang detectors only: every wait below ends on a latch, a log line or a queue state
class SerialOwnerEdgesTest {

    @Test
    void a_failed_sync_call_is_thrown_to_its_caller_and_not_logged() {
        RecordingLogger logger = new RecordingLogger();
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).logger(logger).start()) {
            Throwable thrown = catchThrowable(() -> owner.sync("write", journal -> {
                throw new IOException("disk full");
            }));

            assertThat(thrown).isInstanceOf(IOException.class).hasMessage("disk full");
        }
        assertThat(logger.lines()).as("the caller got the error: nothing to log").isEmpty();
    }

    @Test
    void a_sync_call_failing_after_its_caller_timed_out_is_logged_as_abandoned() throws Exception {
        GateClock clock = new GateClock();
        RecordingLogger logger = new RecordingLogger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).clock(clock).logger(logger).start()) {
            Thread expirer = Thread.ofVirtual().start(() -> {
                try {
                    started.await();
                    clock.expire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            Throwable thrown = catchThrowable(() -> owner.sync("slow", Duration.ofSeconds(1), journal -> {
                started.countDown();
                release.await();
                throw new IOException("failed after its caller left");
            }));
            assertThat(thrown).isInstanceOfSatisfying(OwnerCallTimeoutException.class, timeout -> assertThat(timeout.started()).isTrue());
            assertThat(logger.lines()).as("nothing has failed yet").isEmpty();

            release.countDown();
            awaitCondition(() -> !logger.lines().isEmpty(), "log line");
            expirer.join();
        }
        assertThat(logger.lines()).singleElement().asString()
                .contains("WARN abandoned sync call 'slow' to owner 'journal' failed", "IOException: failed after its caller left");
    }

    @Test
    void a_sync_call_that_ends_just_as_its_timeout_passes_returns_its_result() throws Exception {
        // the timed wait sees the call end and reports the time out all the same: both happened at once
        SystemClockForwarder timesOutAsTheCallEnds = new SystemClockForwarder() {
            @Override
            public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
                Clock.system().await(stage);
                return false;
            }

            @Override
            public Thread startThread(String name, Runnable task) {
                return Clock.system().startThread(name, task);
            }
        };
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).clock(timesOutAsTheCallEnds).start()) {
            String answer = owner.sync("quick", Duration.ofSeconds(1), journal -> "done");

            assertThat(answer).isEqualTo("done");
        }
    }

    @Test
    void an_interrupted_caller_leaves_a_started_call_running_and_its_failure_is_logged() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).logger(logger).start()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> outcome.complete(catchThrowable(() -> owner.sync("slow", journal -> {
                started.countDown();
                release.await();
                finished.incrementAndGet();
                throw new IOException("failed after its caller was interrupted");
            }))));
            started.await();

            caller.interrupt();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            release.countDown();
            awaitCondition(() -> !logger.lines().isEmpty(), "log line");
        }
        assertThat(finished).as("the started call ran to its end").hasValue(1);
        assertThat(logger.lines()).singleElement().asString()
                .contains("WARN abandoned sync call 'slow' to owner 'journal' failed", "IOException: failed after its caller was interrupted");
    }

    @Test
    void close_logs_the_oneway_calls_it_drops_fails_the_waiting_sync_calls_and_empties_the_queue() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        AtomicInteger runs = new AtomicInteger();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).logger(logger).build(); // nobody processes
        owner.oneway("note", journal -> runs.incrementAndGet());
        CompletableFuture<Throwable> syncOutcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> syncOutcome.complete(catchThrowable(() -> owner.sync("read", journal -> runs.incrementAndGet()))));
        awaitWaiting(owner, 2);

        owner.close();

        assertThat(syncOutcome.get()).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("owner 'journal' closed before call 'read' started");
        assertThat(logger.lines()).as("the sync caller was told: only the oneway call is logged")
                .containsExactly("WARN owner 'journal' closed before oneway call 'note' started: it was dropped");
        assertThat(owner.waiting()).isZero();
        assertThat(runs).hasValue(0);
        caller.join();
    }

    @Test
    void an_owner_closed_by_another_thread_answers_every_thread_afterwards() throws Exception {
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start();
        owner.oneway("note", journal -> journal.entries.add("note"));
        Thread closer = Thread.ofVirtual().start(owner::close);
        closer.join();

        // the close must have let go of everything it held: these would block on a lock still held
        assertThat(owner.isClosed()).isTrue();
        assertThat(owner.oneway("late", journal -> "no")).isFalse();
        assertThat(owner.waiting()).isZero();
    }

    @Test
    void waiting_counts_the_calls_in_the_queue_and_not_the_stops() {
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).build();
        owner.stopProcessing();
        assertThat(owner.waiting()).isZero();

        owner.oneway("note", journal -> "noted");
        owner.stopProcessing();
        assertThat(owner.waiting()).isEqualTo(1);
        owner.close();
    }

    @Test
    void an_idle_loop_waits_through_the_owners_clock_so_a_virtual_clock_can_let_time_pass() throws Exception {
        AtomicInteger waitingInClock = new AtomicInteger();
        SystemClockForwarder counting = new SystemClockForwarder() {
            @Override
            public void await(CompletionStage<?> stage) throws InterruptedException {
                waitingInClock.incrementAndGet();
                try {
                    Clock.system().await(stage);
                } finally {
                    waitingInClock.decrementAndGet();
                }
            }

            @Override
            public Thread startThread(String name, Runnable task) {
                return Clock.system().startThread(name, task);
            }
        };
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).clock(counting).start()) {
            awaitCondition(() -> waitingInClock.get() == 1, "idle loop waiting in the clock");

            String answer = owner.sync("ping", journal -> "pong");

            assertThat(answer).isEqualTo("pong");
            awaitCondition(() -> waitingInClock.get() == 1, "loop waiting in the clock again after the call");
        }
        assertThat(waitingInClock).as("the close woke the loop").hasValue(0);
    }

    @Test
    void an_owner_is_known_by_its_name() {
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).build();

        assertThat(owner.name()).isEqualTo("journal");
        assertThat(owner).hasToString("SerialOwner[journal]");
        owner.close();
    }
}
