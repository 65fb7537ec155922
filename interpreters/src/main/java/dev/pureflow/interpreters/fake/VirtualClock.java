package dev.pureflow.interpreters.fake;

import dev.pureflow.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock whose time passes only when every thread of the runs using it is waiting on it: then it
 * jumps straight to the earliest wake-up. Sleeps, timeouts and retry delays therefore take no real
 * time, yet keep their order and their measured durations: two parallel branches that each sleep
 * one second end one virtual second later, not two.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.start();
 * Runner runner = Runner.of(executor.with(retried(policy, clock))).with(options -> options.clock(clock));
 * runner.run(flow);                       // retry delays pass instantly
 * assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(300));
 * }</pre>
 *
 * <p>How it knows: threads started with {@link #startThread} (the runner starts every thread of a
 * run that way) are participants, busy until they wait through {@link #sleep} or {@link #await}.
 * Any other thread that waits on the clock takes part for the length of its wait. A participant
 * blocked on something else (a latch, real I/O) holds time still until it is done, which is what a
 * test wants. A participant counts from the moment {@code startThread} is called, so start the
 * threads that must overlap from one participant (the runner does): started one by one from a
 * non-participant such as the test thread, the first may finish its whole sleep before the second
 * exists. Thread-safe.
 */
public final class VirtualClock implements Clock {

    private static final long NEVER = Long.MAX_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Sleeper> timed = new PriorityQueue<>();
    private final Set<Sleeper> waiting = new HashSet<>();
    private final ThreadLocal<Boolean> participant = ThreadLocal.withInitial(() -> false);
    private final Instant origin;
    private long now;
    private long sleepersCreated;
    private int busy;

    private VirtualClock(Instant origin) {
        this.origin = origin;
    }

    /** A virtual clock at {@code 2026-01-01T00:00:00Z}, so reports are reproducible. */
    public static VirtualClock start() {
        return startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A virtual clock whose time starts at {@code origin}. */
    public static VirtualClock startingAt(Instant origin) {
        return new VirtualClock(Objects.requireNonNull(origin, "origin"));
    }

    /** How much virtual time has passed since this clock started. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    /** Moves time forward by {@code duration} now, waking every wait that falls due. */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go back; duration was " + duration);
        }
        lock.lock();
        try {
            now = saturatedAdd(now, saturatedNanos(duration));
            wakeDue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanoTime());
    }

    /** Exactly {@link #instant()} at the time {@code nanoTime} was read: this clock's instants are its readings from its origin. */
    @Override
    public Instant instantAt(long nanoTime) {
        return origin.plusNanos(nanoTime);
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        waitFor(null, duration);
    }

    @Override
    public void await(CompletionStage<?> stage) throws InterruptedException {
        Objects.requireNonNull(stage, "stage");
        waitFor(stage, null);
    }

    @Override
    public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(timeout, "timeout");
        return waitFor(stage, timeout);
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            busy++; // counted from now, not from when the thread first runs, so time cannot slip past it
        } finally {
            lock.unlock();
        }
        return Thread.ofVirtual().name(name).start(() -> {
            participant.set(true);
            try {
                task.run();
            } finally {
                participant.remove();
                lock.lock();
                try {
                    busy--;
                    advanceIfIdle();
                } finally {
                    lock.unlock();
                }
            }
        });
    }

    @Override
    public String toString() {
        return "VirtualClock[" + instant() + "]";
    }

    /** Waits until {@code stage} completes (if given) or {@code timeout} passes (if given); true if by completion. */
    private boolean waitFor(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        if (stage != null && stage.toCompletableFuture().isDone()) {
            return true;
        }
        if (timeout != null && !timeout.isPositive()) {
            // already due: waiting for the other participants to go idle would gain nothing and could
            // deadlock with one that is waiting (on a latch, say) for this thread to go on
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting on " + this);
            }
            return false;
        }
        boolean member = participant.get();
        Sleeper sleeper;
        lock.lock();
        try {
            if (!member) {
                busy++;
            }
            sleeper = new Sleeper(timeout == null ? NEVER : saturatedAdd(now, saturatedNanos(timeout)), sleepersCreated++);
            busy--;
            waiting.add(sleeper);
            if (sleeper.wakeAt != NEVER) {
                timed.add(sleeper);
            }
        } finally {
            lock.unlock();
        }
        if (stage != null) {
            stage.whenComplete((value, error) -> wakeByCompletion(sleeper));
        }
        lock.lock();
        try {
            sleeper.stirring = false;
            // Parks rather than Condition.await, which clears the interrupt flag before it takes the
            // lock back. The flag is cleared only here, under the lock, once this wait counts as busy.
            while (!sleeper.woken && !Thread.currentThread().isInterrupted()) {
                advanceIfIdle();
                if (sleeper.woken || Thread.currentThread().isInterrupted()) {
                    break;
                }
                lock.unlock();
                try {
                    LockSupport.park(this);
                } finally {
                    // lock() hides a pending interrupt while it queues for the lock: until we hold it,
                    // say we are stirring so that nobody moves time past the interrupt meanwhile
                    sleeper.stirring = true;
                    lock.lock();
                    sleeper.stirring = false;
                }
            }
            boolean interrupted = Thread.interrupted() || sleeper.interrupted;
            wake(sleeper);
            leave(member);
            if (interrupted) {
                throw new InterruptedException("interrupted while waiting on " + this);
            }
            return sleeper.byCompletion || timeout == null;
        } finally {
            lock.unlock();
        }
    }

    private void leave(boolean member) {
        if (!member) {
            busy--;
            advanceIfIdle();
        }
    }

    private void wakeByCompletion(Sleeper sleeper) {
        lock.lock();
        try {
            if (!sleeper.woken) {
                sleeper.byCompletion = true;
                wake(sleeper);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code sleeper} busy again and unparks its thread; call with the lock held. */
    private void wake(Sleeper sleeper) {
        if (sleeper.woken) {
            return;
        }
        sleeper.woken = true;
        timed.remove(sleeper);
        waiting.remove(sleeper);
        busy++;
        if (sleeper.thread != Thread.currentThread()) {
            LockSupport.unpark(sleeper.thread);
        }
    }

    /**
     * With the lock held: if nobody is busy, jump to the earliest wake-up and wake everyone due then.
     * A waiter that is stirring (back from park, queuing for the lock) may have been interrupted
     * without the flag showing; it runs this again once it holds the lock.
     */
    private void advanceIfIdle() {
        boolean stirring = false;
        if (busy == 0) {
            stirring = wakeInterrupted();
        }
        if (busy == 0 && !stirring && !timed.isEmpty()) {
            now = Math.max(now, timed.peek().wakeAt);
            wakeDue();
        }
    }

    /**
     * A waiting thread that was interrupted (a cancelled run, a timed-out action) is about to wake:
     * it counts as busy, or time would jump past the moment it was interrupted at.
     *
     * @return whether a waiter that is still waiting is stirring
     */
    private boolean wakeInterrupted() {
        boolean stirring = false;
        for (Sleeper sleeper : java.util.List.copyOf(waiting)) {
            // read the flag before stirring: a waiter sets stirring before lock() hides its flag
            if (sleeper.thread.isInterrupted()) {
                sleeper.interrupted = true;
                wake(sleeper);
            } else if (sleeper.stirring) {
                stirring = true;
            }
        }
        return stirring;
    }

    private void wakeDue() {
        while (!timed.isEmpty() && timed.peek().wakeAt <= now) {
            wake(timed.peek());
        }
    }

    /** {@code duration} in nanoseconds, at least 0; {@code convert} saturates, so a very long one is {@link #NEVER}. */
    private static long saturatedNanos(Duration duration) {
        return Math.max(0, TimeUnit.NANOSECONDS.convert(duration));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? NEVER : sum;
    }

    /** One wait on the clock; ordered by wake-up time, then by arrival. */
    private static final class Sleeper implements Comparable<Sleeper> {
        final long wakeAt;
        final long order;
        final Thread thread = Thread.currentThread();
        boolean woken;
        /** Between registering or coming back from park and holding the lock; see advanceIfIdle. */
        volatile boolean stirring = true;
        boolean byCompletion;
        boolean interrupted;

        Sleeper(long wakeAt, long order) {
            this.wakeAt = wakeAt;
            this.order = order;
        }

        @Override
        public int compareTo(Sleeper other) {
            int byTime = Long.compare(wakeAt, other.wakeAt);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
