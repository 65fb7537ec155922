package dev.pureflow;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What every branch of one run shares: the world to act on, time, the observer, the step count. */
final class RunContext {

    final Executor executor;
    final int parallelism;
    final Clock clock;
    final StepListener listener;
    /** How error messages show actions. */
    final Redaction redaction;
    /** False when nobody listens, so steps skip reading the clock. */
    final boolean listening;
    private final AtomicLong steps = new AtomicLong();
    private final AtomicInteger concurrentBlocks = new AtomicInteger();

    RunContext(Executor executor, RunOptions options) {
        this.executor = executor;
        this.parallelism = executor.parallelism();
        if (parallelism < 1) {
            throw new IllegalArgumentException("executor " + executor + " declares parallelism " + parallelism + "; it must be at least 1");
        }
        this.clock = options.clock();
        this.listener = options.listener();
        this.redaction = options.redaction();
        this.listening = listener != StepListener.NONE;
    }

    /**
     * The next step number. Outside concurrent parallel blocks only one fiber of the run performs
     * steps, so a plain increment is enough and saves an atomic instruction on every step; the
     * block's start and end order the plain and the atomic increments.
     */
    long nextStep() {
        if (concurrentBlocks.get() == 0) {
            long next = steps.getPlain() + 1;
            steps.setPlain(next);
            return next;
        }
        return steps.incrementAndGet();
    }

    /** A concurrent parallel block is about to start its workers. */
    void enterConcurrentBlock() {
        concurrentBlocks.incrementAndGet();
    }

    /** A concurrent parallel block's workers have all ended. */
    void leaveConcurrentBlock() {
        concurrentBlocks.decrementAndGet();
    }
}
