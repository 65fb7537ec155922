package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Uninterruptibly}: a join that interrupts cannot cut short, so no thread outlives what
 * started it, and that keeps the interrupt for the caller.
 */
class UninterruptiblyTest {

    /** A hang detector for the test's own joins, not a speed limit. */
    private static final long HANG_MILLIS = 60_000;

    /** What the joining thread saw once its join returned. */
    private final AtomicBoolean targetAliveAfterJoin = new AtomicBoolean(true);
    private final AtomicBoolean interruptedAfterJoin = new AtomicBoolean();

    private Thread joining(Runnable join) {
        return Thread.ofPlatform().name("joiner").start(() -> {
            join.run();
            interruptedAfterJoin.set(Thread.currentThread().isInterrupted());
        });
    }

    private static Thread waitingOn(CountDownLatch latch, AtomicBoolean interrupted) {
        return Thread.ofPlatform().name("target").start(() -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
    }

    @Property(tries = 8)
    void join_returns_only_once_the_thread_has_ended_and_keeps_the_interrupt(@ForAll @IntRange(min = 1, max = 4) int interrupts)
            throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean targetInterrupted = new AtomicBoolean();
        Thread target = waitingOn(release, targetInterrupted);
        Thread joiner = joining(() -> {
            Uninterruptibly.join(target);
            targetAliveAfterJoin.set(target.isAlive());
        });

        for (int i = 0; i < interrupts; i++) {
            assertThat(Awaiting.untilWaitingOr(joiner, () -> false)).as("the joiner waits in its join").isTrue();
            joiner.interrupt();
        }
        assertThat(joiner.isAlive()).as("no interrupt ends the join while the thread lives").isTrue();
        release.countDown();
        joiner.join(HANG_MILLIS);

        assertThat(joiner.isAlive()).isFalse();
        assertThat(targetAliveAfterJoin).isFalse();
        assertThat(interruptedAfterJoin).as("the joiner's interrupt is kept").isTrue();
        assertThat(targetInterrupted).as("a plain join leaves the thread alone").isFalse();
    }

    @Example
    void join_passing_interrupts_asks_the_thread_to_end_and_waits_until_it_has() throws InterruptedException {
        AtomicBoolean targetInterrupted = new AtomicBoolean();
        Thread target = waitingOn(new CountDownLatch(1), targetInterrupted); // ends only when interrupted
        Thread joiner = joining(() -> {
            Uninterruptibly.joinPassingInterrupts(target);
            targetAliveAfterJoin.set(target.isAlive());
        });

        assertThat(Awaiting.untilWaitingOr(joiner, () -> false)).isTrue();
        joiner.interrupt();
        joiner.join(HANG_MILLIS);

        assertThat(joiner.isAlive()).isFalse();
        assertThat(targetInterrupted).isTrue();
        assertThat(targetAliveAfterJoin).isFalse();
        assertThat(interruptedAfterJoin).isTrue();
    }
}
