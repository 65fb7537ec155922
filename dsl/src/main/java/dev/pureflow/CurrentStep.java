package dev.pureflow;

import io.vavr.control.Option;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * What {@link Step#current()} reads: the step a fiber is carrying out, if any. One per fiber,
 * made the thread's current one when the fiber starts interpreting on it; each step then only
 * writes a few fields (no allocation, no clock reading, no thread-local write per step when nobody
 * listens), and the {@link Step} itself is made only when someone asks for it.
 *
 * <p>Inheritable, so that a thread started while a step runs (the timeout combinator carries the
 * action out on one) sees the step too. Threads hold it weakly: a long-lived thread started during
 * a step (a pool's, say) must not keep the run's context alive after the run. Written by its
 * fiber's thread; read by it and by threads started during a step, which their start orders after
 * the writes.
 */
final class CurrentStep {

    private static final InheritableThreadLocal<WeakReference<CurrentStep>> ON_THREAD = new InheritableThreadLocal<>();

    final RunContext run;     // null for a step set by Step.runAs, which belongs to no in-process run
    private final WeakReference<CurrentStep> self = new WeakReference<>(this);
    private Action<?> action; // null between steps
    private long number;
    private String path;
    private int ordinal;
    private boolean stamped;  // whether startNanos holds the step's start, read for a listener
    private long startNanos;
    private Step step;        // made on demand, or the listener's

    CurrentStep(RunContext run) {
        this.run = run;
    }

    /** Makes this the calling thread's current-step holder, for as long as its fiber interprets there. */
    void attach() {
        ON_THREAD.set(self);
    }

    /** The calling thread interprets nothing any more. */
    static void detach() {
        ON_THREAD.set(null);
    }

    /** A step starts whose {@link Step} nobody has made yet. */
    void begin(long number, String path, int ordinal, Action<?> action) {
        this.number = number;
        this.path = path;
        this.ordinal = ordinal;
        this.stamped = false;
        this.step = null;
        this.action = action;
    }

    /**
     * A step starts whose {@link Step} nobody has made yet, at {@code startNanos} on the run's
     * clock: a {@code Step} made on demand is stamped with that reading's instant, as the one a
     * listener is handed would be.
     */
    void begin(long number, String path, int ordinal, Action<?> action, long startNanos) {
        this.number = number;
        this.path = path;
        this.ordinal = ordinal;
        this.stamped = true;
        this.startNanos = startNanos;
        this.step = null;
        this.action = action;
    }

    /** A step starts that the listener is told about as {@code step}. */
    void begin(Step step) {
        this.step = step;
        this.action = step.action();
    }

    /** The step has ended. */
    void end() {
        action = null;
        step = null;
    }

    /** Calls {@code body} with {@code step} current on the calling thread; what was current before is current again after. */
    static <T> T runAs(Step step, Callable<T> body) throws Exception {
        CurrentStep holder = new CurrentStep(null);
        holder.begin(step);
        WeakReference<CurrentStep> before = ON_THREAD.get();
        ON_THREAD.set(holder.self);
        try {
            return body.call();
        } finally {
            ON_THREAD.set(before);
            holder.end();
            // the thread local holds the holder weakly: keep it alive for the whole call
            Reference.reachabilityFence(holder);
        }
    }

    /** The step the calling thread carries out now, if any. */
    static Option<Step> step() {
        CurrentStep current = onThisThread();
        return current == null ? Option.none() : current.materialize();
    }

    /** The run whose step the calling thread carries out now, if any. */
    static Option<RunContext> run() {
        CurrentStep current = onThisThread();
        return current == null || current.action == null || current.run == null ? Option.none() : Option.some(current.run);
    }

    private static CurrentStep onThisThread() {
        WeakReference<CurrentStep> held = ON_THREAD.get();
        return held == null ? null : held.get();
    }

    private Option<Step> materialize() {
        Action<?> performing = action;
        if (performing == null) {
            return Option.none();
        }
        Step made = step;
        if (made == null) {
            Instant startedAt = stamped ? run.clock.instantAt(startNanos) : run.clock.instant();
            made = new Step(number, new StepKey(path, ordinal), performing, startedAt);
            step = made;
        }
        return Option.some(made);
    }
}
