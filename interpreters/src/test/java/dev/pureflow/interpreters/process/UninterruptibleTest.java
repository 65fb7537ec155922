package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clean-up that must finish though its thread is interrupted (killing a tree, joining a reader):
 * the step is run until it completes, and the interrupt is kept for the caller afterwards.
 */
class UninterruptibleTest {

    @Test
    void a_step_interrupted_midway_is_run_again_to_its_end_and_the_interrupt_is_kept() {
        AtomicInteger attempts = new AtomicInteger();

        Uninterruptible.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new InterruptedException("interrupted during clean-up");
            }
        });

        assertThat(attempts).hasValue(2);
        assertThat(Thread.interrupted()).as("the interrupt was kept for the caller").isTrue();
    }

    @Test
    void an_interrupt_that_came_before_the_step_does_not_stop_it_and_is_kept() {
        AtomicInteger attempts = new AtomicInteger();
        Thread.currentThread().interrupt();

        Uninterruptible.run(() -> {
            attempts.incrementAndGet();
            Thread.sleep(1); // would throw at once were the interrupt still set
        });

        assertThat(attempts).hasValue(1);
        assertThat(Thread.interrupted()).as("the interrupt was kept for the caller").isTrue();
    }

    @Test
    @Timeout(60) // a hang detector
    void a_join_returns_only_once_the_thread_has_ended_whatever_interrupts_come_meanwhile() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Thread main = Thread.currentThread();
        Thread.ofVirtual().start(() -> {
            // interrupt the joining thread once it waits, then let the worker end
            while (main.getState() != Thread.State.WAITING && main.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            main.interrupt();
            release.countDown();
        });

        Uninterruptible.join(worker);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt was kept for the caller").isTrue();
    }
}
