package dev.pureflow.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.watch.RecordingLogger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // hang detectors only: every wait below ends on a latch or a queue state, not on time
class SerialOwnerTest {

    /** The shared state of the tests' owners: plain, unsynchronized, reached only through calls. */
    static final class Journal {
        final List<String> entries = new ArrayList<>();
    }

    @Test
    void sync_returns_the_result_of_a_call_run_on_the_owners_own_loop_thread() throws Exception {
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            String thread = owner.sync("whereAmI", journal -> Thread.currentThread().getName());
            assertThat(thread).isEqualTo("pureflow-owner-journal").isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void sync_rethrows_the_very_exception_the_call_threw() {
        IOException original = new IOException("disk full");
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            Throwable thrown = catchThrowable(() -> owner.sync("write", journal -> {
                throw original;
            }));
            assertThat(thrown).isSameAs(original);
        }
    }

    @Test
    void calls_run_one_at_a_time_in_the_order_they_were_queued() throws Exception {
        Journal journal = new Journal();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).build();
        for (String entry : List.of("a", "b", "c", "d")) {
            owner.oneway("add", state -> state.entries.add(entry));
        }
        assertThat(journal.entries).as("nothing runs before the owner processes").isEmpty();

        assertThat(owner.process(Processing.PENDING)).isEqualTo(4);
        assertThat(journal.entries).containsExactly("a", "b", "c", "d");
        owner.close();
    }

    @Test
    void a_failed_oneway_call_is_logged_with_its_error_and_never_thrown() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).logger(logger).build();

        boolean accepted = owner.oneway("explode", state -> {
            throw new IllegalStateException("boom");
        });
        assertThat(accepted).isTrue();
        assertThat(owner.process(Processing.PENDING)).isEqualTo(1);

        assertThat(logger.lines()).singleElement().asString()
                .contains("WARN", "oneway call 'explode' to owner 'journal' failed", "IllegalStateException: boom");
        owner.close();
    }

    @Test
    void a_sync_call_timing_out_while_the_owner_is_busy_is_removed_and_never_runs() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger lateRuns = new AtomicInteger();
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            owner.oneway("busy", state -> {
                busy.countDown();
                release.await();
                return null;
            });
            busy.await();

            Throwable thrown = catchThrowable(() -> owner.sync("late", Duration.ofMillis(1), state -> lateRuns.incrementAndGet()));

            assertThat(thrown).isInstanceOfSatisfying(OwnerCallTimeoutException.class, timeout -> {
                assertThat(timeout.started()).isFalse();
                assertThat(timeout.call()).isEqualTo("late");
                assertThat(timeout.owner()).isEqualTo("journal");
                assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(1));
            });
            assertThat(thrown).hasMessageContaining("did not start within PT0.001S").hasMessageContaining("will never run");
            assertThat(owner.waiting()).as("the late call left the queue").isZero();
            release.countDown();
            String after = owner.sync("after", state -> "ran");
            assertThat(after).isEqualTo("ran");
        }
        assertThat(lateRuns).as("the timed-out call never ran").hasValue(0);
    }

    @Test
    void each_call_has_its_own_timeout() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            owner.oneway("busy", state -> {
                busy.countDown();
                release.await();
                return null;
            });
            busy.await();
            CompletableFuture<String> patient = new CompletableFuture<>();
            Thread patientCaller = Thread.ofVirtual().start(() -> {
                try {
                    patient.complete(owner.sync("patient", state -> "served"));
                } catch (Exception e) {
                    patient.completeExceptionally(e);
                }
            });
            awaitWaiting(owner, 1);

            assertThatThrownBy(() -> owner.sync("hasty", Duration.ofMillis(1), state -> "too late"))
                    .isInstanceOf(OwnerCallTimeoutException.class);
            release.countDown();

            assertThat(patient.get()).as("the hasty call's timeout is not the patient one's").isEqualTo("served");
            patientCaller.join();
        }
    }

    @Test
    void a_sync_call_that_started_before_its_timeout_says_so_and_runs_on_to_its_end() throws Exception {
        GateClock clock = new GateClock();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Journal journal = new Journal();
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).clock(clock).start()) {
            Thread expirer = Thread.ofVirtual().start(() -> {
                try {
                    started.await();
                    clock.expire(); // the caller's timeout passes while the call runs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            Throwable thrown = catchThrowable(() -> owner.sync("slow", Duration.ofSeconds(1), state -> {
                started.countDown();
                release.await();
                return state.entries.add("slow finished");
            }));

            assertThat(thrown).isInstanceOfSatisfying(OwnerCallTimeoutException.class, timeout -> assertThat(timeout.started()).isTrue());
            assertThat(thrown).hasMessageContaining("started but did not end within PT1S");
            release.countDown();
            List<String> entries = owner.sync("read", state -> List.copyOf(state.entries));
            assertThat(entries).containsExactly("slow finished");
            expirer.join();
        }
    }

    @Test
    void an_interrupted_sync_caller_withdraws_a_call_that_had_not_started() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).build(); // nobody processes
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> outcome.complete(catchThrowable(() -> owner.sync("never", state -> runs.incrementAndGet()))));
        awaitWaiting(owner, 1);

        caller.interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(owner.waiting()).isZero();
        assertThat(owner.process(Processing.PENDING)).isZero();
        assertThat(runs).hasValue(0);
        owner.close();
    }

    @Test
    void a_whitelisted_process_runs_only_the_named_calls_and_the_others_wait_for_a_later_process() throws Exception {
        Journal journal = new Journal();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).build();
        for (String name : List.of("read", "write", "read", "write")) {
            owner.oneway(name, state -> state.entries.add(name + state.entries.size()));
        }

        assertThat(owner.process(Processing.PENDING, Set.of("read"))).isEqualTo(2);
        assertThat(journal.entries).containsExactly("read0", "read1");
        assertThat(owner.waiting()).isEqualTo(2);

        assertThat(owner.process(Processing.PENDING)).isEqualTo(2);
        assertThat(journal.entries).containsExactly("read0", "read1", "write2", "write3");
        owner.close();
    }

    @Test
    void a_call_outside_the_whitelist_is_never_stranded_its_timeout_or_the_close_ends_the_wait() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).build();
        CompletableFuture<Integer> processed = CompletableFuture.supplyAsync(() -> {
            try {
                return owner.process(Processing.UNTIL_STOPPED, Set.of("read"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Thread.ofVirtual()::start);
        awaitProcessing(owner);

        assertThatThrownBy(() -> owner.sync("write", Duration.ofMillis(1), state -> writes.incrementAndGet()))
                .isInstanceOfSatisfying(OwnerCallTimeoutException.class, timeout -> assertThat(timeout.started()).isFalse());
        String read = owner.sync("read", state -> "read");
        assertThat(read).isEqualTo("read");

        CompletableFuture<Throwable> waitingWrite = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> waitingWrite.complete(catchThrowable(() -> owner.sync("write", state -> writes.incrementAndGet()))));
        awaitWaiting(owner, 1);
        owner.stopProcessing();
        assertThat(processed.get()).as("the read ran, the writes did not").isEqualTo(1);

        owner.close();

        assertThat(waitingWrite.get()).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("owner 'journal' closed before call 'write' started");
        assertThat(writes).hasValue(0);
        writer.join();
    }

    @Test
    void a_sync_call_from_inside_a_call_runs_inline_instead_of_waiting_for_itself() throws Exception {
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            AtomicReference<SerialOwner<Journal>> self = new AtomicReference<>(owner);
            String answer = owner.sync("outer", state -> {
                state.entries.add("outer");
                return self.get().sync("inner", Duration.ofMillis(1), inner -> String.join(",", inner.entries) + ",inner");
            });
            assertThat(answer).isEqualTo("outer,inner");
        }
    }

    @Test
    void stop_processing_is_queued_behind_the_calls_already_waiting() throws Exception {
        Journal journal = new Journal();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).build();
        owner.oneway("add", state -> state.entries.add("before stop 1"));
        owner.oneway("add", state -> state.entries.add("before stop 2"));
        assertThat(owner.stopProcessing()).isTrue();
        owner.oneway("add", state -> state.entries.add("after stop"));

        assertThat(owner.process(Processing.UNTIL_STOPPED)).isEqualTo(2);
        assertThat(journal.entries).containsExactly("before stop 1", "before stop 2");
        assertThat(owner.waiting()).isEqualTo(1);

        assertThat(owner.process(Processing.PENDING)).isEqualTo(1);
        assertThat(journal.entries).containsExactly("before stop 1", "before stop 2", "after stop");
        owner.close();
    }

    @Test
    void a_stop_ends_a_whitelisted_process_once_the_calls_before_it_that_it_may_run_have_run() throws Exception {
        Journal journal = new Journal();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).build();
        owner.oneway("write", state -> state.entries.add("write"));
        owner.oneway("read", state -> state.entries.add("read"));
        owner.stopProcessing();
        owner.oneway("read", state -> state.entries.add("read after stop"));

        assertThat(owner.process(Processing.UNTIL_STOPPED, Set.of("read"))).isEqualTo(1);
        assertThat(journal.entries).containsExactly("read");
        assertThat(owner.waiting()).as("the skipped write and the read behind the stop").isEqualTo(2);

        assertThat(owner.process(Processing.PENDING)).isEqualTo(2);
        assertThat(journal.entries).containsExactly("read", "write", "read after stop");
        owner.close();
    }

    @Test
    void close_joins_the_loop_thread_and_refuses_later_calls() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).logger(logger).start();
        Thread loop = owner.sync("loop", state -> Thread.currentThread());

        owner.close();

        assertThat(loop.isAlive()).isFalse();
        assertThatThrownBy(() -> owner.sync("late", state -> "no"))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessage("owner 'journal' is closed: call 'late' was not accepted");
        assertThat(owner.oneway("late", state -> "no")).isFalse();
        assertThat(owner.stopProcessing()).isFalse();
        assertThat(logger.lines()).containsExactly("WARN owner 'journal' is closed: oneway call 'late' was dropped");
        owner.close(); // idempotent
    }

    @Test
    void close_lets_the_loop_run_the_calls_already_waiting_then_ends_it() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Journal journal = new Journal();
        SerialOwner<Journal> owner = SerialOwner.builder("journal", journal).start();
        owner.oneway("busy", state -> {
            busy.countDown();
            release.await();
            return state.entries.add("busy");
        });
        busy.await();
        owner.oneway("add", state -> state.entries.add("waiting 1"));
        owner.oneway("add", state -> state.entries.add("waiting 2"));
        Thread closer = Thread.ofVirtual().start(owner::close);
        awaitCondition(owner::isClosed, "close");

        assertThat(owner.oneway("add", state -> state.entries.add("after close"))).isFalse();
        release.countDown();
        closer.join();

        assertThat(journal.entries).containsExactly("busy", "waiting 1", "waiting 2");
        assertThat(owner.isProcessing()).isFalse();
    }

    @Test
    void a_second_thread_cannot_process_while_one_does() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SerialOwner<Journal> owner = SerialOwner.builder("journal", new Journal()).start()) {
            owner.oneway("busy", state -> {
                busy.countDown();
                release.await();
                return null;
            });
            busy.await();
            assertThatThrownBy(() -> owner.process(Processing.PENDING))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("owner 'journal' is already processing on");
            release.countDown();
        }
    }

    static void awaitWaiting(SerialOwner<?> owner, int calls) {
        awaitCondition(() -> owner.waiting() == calls, calls + " waiting calls");
    }

    static void awaitProcessing(SerialOwner<?> owner) {
        awaitCondition(owner::isProcessing, "a processing thread");
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still no " + what + " after 60 s");
            }
            Thread.onSpinWait();
        }
    }
}
