package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory world for {@link Cmd}: records every action it is asked to perform, the threads
 * that performed them and how many ran at once; {@link Cmd.Block} parks on a latch that never
 * opens, so only an interrupt ends it, and {@link Cmd.Gate} waits until the test opens the gate.
 * Thread-safe.
 */
final class World {

    /** How long a test waits for something that should happen at once before it fails. */
    static final long PATIENCE_SECONDS = 10;

    final List<Action<?>> performed = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    private final Semaphore blocked = new Semaphore(0);
    private final CountDownLatch never = new CountDownLatch(1);
    private final Semaphore atGate = new Semaphore(0);
    private final CountDownLatch gate = new CountDownLatch(1);

    /** An executor for {@link Cmd} backed by this world. */
    Executor executor() {
        return Executor.of(Cmd.class, this::perform);
    }

    private Object perform(Cmd<?> cmd) throws InterruptedException {
        performed.add(cmd);
        threads.add(Thread.currentThread());
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            return switch (cmd) {
                case Cmd.Get get -> get.n();
                case Cmd.Echo echo -> echo.text();
                case Cmd.Note note -> null;
                case Cmd.Fails fails -> throw new IllegalStateException(fails.why());
                case Cmd.Block block -> {
                    blocked.release();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    yield block.name();
                }
                case Cmd.Gate waiting -> {
                    atGate.release();
                    try {
                        if (!gate.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the gate never opened");
                        }
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    yield waiting.name();
                }
            };
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Waits until {@code count} {@link Cmd.Gate} actions are waiting at the gate. */
    void awaitAtGate(int count) throws InterruptedException {
        assertThat(atGate.tryAcquire(count, PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("%d actions waiting at the gate", count)
                .isTrue();
    }

    /** Lets every {@link Cmd.Gate} action through, now and later. */
    void openGate() {
        gate.countDown();
    }

    /** Waits until {@code count} {@link Cmd.Block} actions have started blocking. */
    void awaitBlocked(int count) throws InterruptedException {
        assertThat(blocked.tryAcquire(count, PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("%d blocking actions started", count)
                .isTrue();
    }
}
