package dev.pureflow.frame;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What the maps and contexts of one run of a frame share: the frame's name, its one lock, and
 * whether it has terminated. Thread-safe.
 */
final class FrameState {

    final String frameName;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean terminated; // guarded by lock

    FrameState(String frameName) {
        this.frameName = frameName;
    }

    /** Runs {@code work} under the frame's lock; fails if the frame has terminated ({@code what} names the view). */
    <T> T whileOpen(String what, Supplier<T> work) {
        lock.lock();
        try {
            if (terminated) {
                throw new FrameTerminatedException(frameName, what);
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} under the frame's lock, then marks the frame terminated; views fail from then on. */
    <T> T terminate(Supplier<T> work) {
        lock.lock();
        try {
            T result = work.get();
            terminated = true;
            return result;
        } finally {
            lock.unlock();
        }
    }
}
