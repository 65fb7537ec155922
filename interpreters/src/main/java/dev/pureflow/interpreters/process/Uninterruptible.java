package dev.pureflow.interpreters.process;

import dev.pureflow.Uninterruptibly;

/**
 * Runs clean-up that must finish even if the thread is interrupted meanwhile (waiting for a killed
 * process tree, for a run's end): the interrupt is remembered and restored afterwards. Joins go
 * through dsl's {@link Uninterruptibly}, the one join loop of every module.
 */
final class Uninterruptible {

    private Uninterruptible() {}

    /** A step of clean-up that may block. */
    @FunctionalInterface
    interface Blocking {
        void run() throws InterruptedException;
    }

    static void run(Blocking step) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    step.run();
                    return;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Joins {@code thread} as every module does, through {@link Uninterruptibly#join}. */
    static void join(Thread thread) {
        Uninterruptibly.join(thread);
    }
}
