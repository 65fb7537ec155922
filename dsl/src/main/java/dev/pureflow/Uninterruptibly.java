package dev.pureflow;

import java.util.concurrent.BlockingQueue;

/**
 * Blocking hand-offs that must complete even if the thread is interrupted meanwhile, because
 * abandoning them would strand another thread (a direct-style body waiting for its answer, a
 * thread that must be joined). The interrupt is kept for the caller to see afterwards.
 */
final class Uninterruptibly {

    private Uninterruptibly() {}

    @FunctionalInterface
    private interface Blocking<T> {
        T call() throws InterruptedException;
    }

    static void join(Thread thread) {
        run(() -> {
            thread.join();
            return null;
        });
    }

    static <T> T take(BlockingQueue<T> queue) {
        return run(queue::take);
    }

    static <T> void put(BlockingQueue<T> queue, T item) {
        run(() -> {
            queue.put(item);
            return null;
        });
    }

    private static <T> T run(Blocking<T> call) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.call();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
