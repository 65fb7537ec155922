package dev.pureflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every branch of one run shares: the world to act on, time, the observer, the step count, and
 * the run's own maps the built-in actions read and write.
 */
final class RunContext {

    private static final VarHandle STEPS;

    static {
        try {
            STEPS = MethodHandles.lookup().findVarHandle(RunContext.class, "steps", long.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    final Executor executor;
    final int parallelism;
    final Clock clock;
    final StepListener listener;
    /** How error messages show actions. */
    final Redaction redaction;
    /** False when nobody listens, so steps skip reading the clock. */
    final boolean listening;
    /** The listener when it needs no {@link Step} objects (see {@link StepTimingListener}), else null. */
    final StepTimingListener timingListener;
    /** True when the runner answers built-in actions itself rather than handing them to the executor. */
    final boolean runnerAnswersBuiltIns;
    /** The messages sent into the run and the values it published. */
    final Mailbox mailbox;
    // the run's step count: incremented plainly by a fiber that performs steps alone, atomically
    // through STEPS by the workers of concurrent parallel blocks, which perform them side by side
    private long steps;

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
        this.timingListener = listener instanceof StepTimingListener timing ? timing : null;
        this.runnerAnswersBuiltIns = options.builtIns() == BuiltIn.AnsweredBy.RUNNER;
        this.mailbox = new Mailbox(options.messageGate());
    }

    /**
     * The next step number, for a fiber that is not a worker of a concurrent parallel block. While
     * such a fiber runs, no worker of its run does (a fiber waits for the blocks it starts to end),
     * so a plain increment is enough and saves an atomic instruction on every step; starting and
     * joining the workers' threads orders the plain and the atomic increments.
     */
    long nextStepAlone() {
        return ++steps;
    }

    /** The next step number, for a worker of a concurrent parallel block. */
    long nextStepShared() {
        return (long) STEPS.getAndAdd(this, 1L) + 1;
    }
}
