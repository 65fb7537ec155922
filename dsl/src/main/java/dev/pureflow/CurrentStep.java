package dev.pureflow;

import io.vavr.control.Option;

/**
 * What {@link Step#current()} reads: the step a fiber is carrying out, if any. One per fiber,
 * made the thread's current one when the fiber starts interpreting on it; each step then only
 * writes a few fields (no allocation, no clock reading, no thread-local write per step when nobody
 * listens), and the {@link Step} itself is made only when someone asks for it.
 *
 * <p>Inheritable, so that a thread started while a step runs (the timeout combinator carries the
 * action out on one) sees the step too. Written by its fiber's thread; read by it and by threads
 * started during a step, which their start orders after the writes.
 */
final class CurrentStep {

    private static final InheritableThreadLocal<CurrentStep> ON_THREAD = new InheritableThreadLocal<>();

    final RunContext run;
    private Action<?> action; // null between steps
    private long number;
    private String path;
    private int ordinal;
    private Step step;        // made on demand, or the listener's

    CurrentStep(RunContext run) {
        this.run = run;
    }

    /** Makes this the calling thread's current-step holder, for as long as its fiber interprets there. */
    void attach() {
        ON_THREAD.set(this);
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

    /** The step the calling thread carries out now, if any. */
    static Option<Step> step() {
        CurrentStep current = ON_THREAD.get();
        return current == null ? Option.none() : current.materialize();
    }

    /** The run whose step the calling thread carries out now, if any. */
    static Option<RunContext> run() {
        CurrentStep current = ON_THREAD.get();
        return current == null || current.action == null ? Option.none() : Option.some(current.run);
    }

    private Option<Step> materialize() {
        Action<?> performing = action;
        if (performing == null) {
            return Option.none();
        }
        Step made = step;
        if (made == null) {
            made = new Step(number, new StepKey(path, ordinal), performing, run.clock.instant());
            step = made;
        }
        return Option.some(made);
    }
}
