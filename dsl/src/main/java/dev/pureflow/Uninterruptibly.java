package dev.pureflow;

/**
 * Joins that must complete even if the thread is interrupted meanwhile, because abandoning them
 * would let a thread outlive the run that made it. The interrupt is kept for the caller to see
 * afterwards.
 */
final class Uninterruptibly {

    private Uninterruptibly() {}

    static void join(Thread thread) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    thread.join();
                    return;
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
