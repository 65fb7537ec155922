package dev.pureflow.interpreters.process;

/**
 * Runs clean-up that must finish even if the thread is interrupted meanwhile (killing a process
 * tree, joining reader threads): the interrupt is remembered and restored afterwards.
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

    static void join(Thread thread) {
        run(thread::join);
    }
}
