package dev.pureflow;

import java.util.concurrent.atomic.AtomicLong;

/** What every branch of one run shares: the world to act on, time, the observer, the step count. */
final class RunContext {

    final Executor executor;
    final int parallelism;
    final Clock clock;
    final StepListener listener;
    /** False when nobody listens, so steps skip reading the clock. */
    final boolean listening;
    private final AtomicLong steps = new AtomicLong();

    RunContext(Executor executor, RunOptions options) {
        this.executor = executor;
        this.parallelism = executor.parallelism();
        if (parallelism < 1) {
            throw new IllegalArgumentException("executor " + executor + " declares parallelism " + parallelism + "; it must be at least 1");
        }
        this.clock = options.clock();
        this.listener = options.listener();
        this.listening = listener != StepListener.NONE;
    }

    long nextStep() {
        return steps.incrementAndGet();
    }
}
