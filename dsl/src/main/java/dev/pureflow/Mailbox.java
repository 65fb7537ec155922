package dev.pureflow;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-slot hand-off between exactly two threads that take turns, as a direct-style body and its
 * fiber do: one puts, the other takes, never two puts in a row. Parks and unparks the one known
 * waiter directly, which costs a fraction of a {@code SynchronousQueue}'s hand-off.
 *
 * @param <T> what is handed over; never null
 */
final class Mailbox<T> {

    /**
     * How many times a taker looks again before it parks: the other side usually answers within
     * microseconds, and a park plus an unpark costs far more than that when it does.
     */
    private static final int SPINS = 512;

    private final AtomicReference<T> slot = new AtomicReference<>();
    private volatile Thread taker;

    /** Leaves {@code item} for the taker and wakes it. */
    void put(T item) {
        if (!slot.compareAndSet(null, item)) {
            throw new IllegalStateException("two puts in a row into a mailbox; the previous item was not taken");
        }
        Thread waiting = taker;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /** Waits for the next item; an interrupt ends the wait with {@link InterruptedException}. */
    T take() throws InterruptedException {
        taker = Thread.currentThread();
        T early = spinFor();
        if (early != null) {
            return early;
        }
        while (true) {
            T item = slot.getAndSet(null);
            if (item != null) {
                return item;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.park(this);
        }
    }

    /** Waits for the next item whatever interrupts come; the interrupt is kept for the caller. */
    T takeUninterruptibly() {
        taker = Thread.currentThread();
        T early = spinFor();
        if (early != null) {
            return early;
        }
        boolean interrupted = false;
        while (true) {
            T item = slot.getAndSet(null);
            if (item != null) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return item;
            }
            if (Thread.interrupted()) {
                interrupted = true;
            }
            LockSupport.park(this);
        }
    }

    private T spinFor() {
        for (int i = 0; i < SPINS; i++) {
            if (slot.get() != null) { // read before writing: no cache-line ping-pong while waiting
                return slot.getAndSet(null);
            }
            Thread.onSpinWait();
        }
        return null;
    }
}
