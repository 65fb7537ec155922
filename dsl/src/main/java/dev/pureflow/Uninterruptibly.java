package dev.pureflow;

import java.util.Objects;

/**
 * Joins of threads that must complete even if the joining thread is interrupted meanwhile, because
 * giving up on them would let a thread outlive what started it (a run, a timeout's worker, an
 * owner's loop, a console's stream). The interrupt is kept: the joining thread's flag is set again
 * once the join is over, for its caller to see. Every module joins its threads through this; the
 * process interpreter's clean-up steps that block on something else (a kill's wait, a process's
 * end) keep their interrupt the same way in that package's own {@code Uninterruptible}.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * Thread worker = clock.startThread("pureflow-timeout-Fetch", task);
 * ...
 * Uninterruptibly.join(worker); // returns only once worker has ended
 * }</pre>
 */
public final class Uninterruptibly {

    private Uninterruptibly() {}

    /** Waits until {@code thread} has ended, whatever interrupts the calling thread meanwhile. */
    public static void join(Thread thread) {
        join(thread, OnInterrupt.KEEP_WAITING);
    }

    /**
     * As {@link #join}, but each interrupt of the calling thread is passed on to {@code thread}, to
     * ask it to end sooner (an owner's loop closing, say), and the wait goes on.
     */
    public static void joinPassingInterrupts(Thread thread) {
        join(thread, OnInterrupt.INTERRUPT_THE_JOINED_THREAD);
    }

    private enum OnInterrupt { KEEP_WAITING, INTERRUPT_THE_JOINED_THREAD }

    private static void join(Thread thread, OnInterrupt onInterrupt) {
        Objects.requireNonNull(thread, "thread");
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    thread.join();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (onInterrupt == OnInterrupt.INTERRUPT_THE_JOINED_THREAD) {
                        thread.interrupt();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
