package dev.pureflow;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Interprets programs on one thread with an explicit stack of frames: the one runner loop.
 *
 * <p>Stack depth never depends on the program: each node either produces an outcome or pushes a
 * frame and moves on. A direct-style body runs right here too, on this fiber's thread: each call
 * of its handle ({@link BodyFlow}) interprets its step as a nested run of the same loop, on the
 * same frame stack above the frames already there, so the Java stack grows with the nesting of
 * bodies, never with the number of steps. Cancellation is a flag checked before each node and an
 * interrupt of this fiber's thread, which is also the thread its direct-style bodies run on; while
 * {@link #masked} (bracket acquisition and release, a body's uncancellable region) neither
 * happens, so finalizers run to completion. Confined to its thread except {@link #cancel}, which
 * any thread may call.
 */
final class Fiber {

    private final RunContext run;
    /** A worker of a concurrent parallel block: its steps may be numbered at the same time as its siblings'. */
    private final boolean worker;
    private final Trail trail = new Trail();
    private final FrameStack frames = new FrameStack();
    private volatile CancellationException cancelledWith;
    // The concurrent parallel block this fiber is running, whose workers receive its cancellation.
    // One at most: a fiber waits for its block to end before it interprets anything else.
    private volatile ParallelBlock activeBlock;
    private Thread thread;      // written under this fiber's monitor, read by cancel under it
    private int masked;         // written under this fiber's monitor, by this fiber's thread only
    private int depth;          // how many interpretations are nested here: 1 for the branch, +1 per body's step
    private String branch;      // the path of the branch being interpreted: main, or main/2/0 inside parallel blocks
    private int ordinal;        // the next ordinal of that path: each performed action and parallel block takes one
    private final CurrentStep executing;
    private Class<?> lastActionClass;
    private Class<?> lastDeclaredType;
    private boolean lastBuiltIn;

    // the interpreter's registers: the node being evaluated, or else the outcome being returned
    private Program<?> current;
    private Object value;
    private Throwable error;

    private Fiber(RunContext run, String branch, boolean worker, int masked) {
        this.run = run;
        this.branch = branch;
        this.worker = worker;
        this.masked = masked;
        this.executing = new CurrentStep(run);
    }

    /** The fiber that runs {@code program} as a whole run, on branch {@code main}; see {@link #runRoot()}. */
    static Fiber root(RunContext run, Program<?> program) {
        Fiber root = new Fiber(run, StepKey.MAIN, false, 0);
        root.current = program;
        return root;
    }

    /**
     * Interprets the program this root fiber was made with, on the calling thread, and returns its
     * outcome. Only the fiber holds the program, and only until it starts evaluating it: the
     * nodes of a long chain built up front become garbage as the interpretation passes them.
     */
    Try<Object> runRoot() {
        return interpretFromCurrent(StepKey.MAIN);
    }

    /** Interprets {@code program} on the calling thread, as the branch with path {@code branchName}, and returns its outcome. */
    Try<Object> run(Program<?> program, String branchName) {
        current = program;
        return interpretFromCurrent(branchName);
    }

    private Try<Object> interpretFromCurrent(String branchName) {
        attachThread();
        branch = branchName;
        ordinal = 0;
        trail.clear();
        value = null;
        error = null;
        depth = 1;
        loop(0);
        depth = 0;
        current = null; // an ended run keeps no reference to what it ran
        detachThread();
        if (error == null && isCancelled() && masked == 0) {
            error = cancelledWith;
        }
        Try<Object> outcome = outcome();
        value = null;
        error = null;
        return outcome;
    }

    boolean isCancelled() {
        return cancelledWith != null;
    }

    boolean isUncancellable() {
        return masked > 0;
    }

    /** Asks this fiber and its workers to stop with {@code reason}; finalizers still run. */
    void cancel(CancellationException reason) {
        synchronized (this) {
            if (cancelledWith != null) {
                return;
            }
            cancelledWith = reason;
            if (masked == 0 && thread != null) {
                thread.interrupt();
            }
        }
        // read after the write above; adopt writes before it reads: one of the two sees the other
        ParallelBlock block = activeBlock;
        if (block != null) {
            block.cancelWorkers(reason);
        }
    }

    /**
     * A fiber for one worker of a parallel block started on branch {@code branch} of {@code run};
     * any thread may call it (a block's workers start one another, see {@link ParallelBlock}). A
     * block started where cancellation is masked (a finalizer, a bracket's acquisition or release,
     * an uncancellable region) is uncancellable as a whole: its workers are masked too and are never
     * adopted, so neither a cancellation the parent already has nor one that comes later reaches
     * them, and every branch runs.
     */
    static Fiber worker(RunContext run, String branch, boolean uncancellable) {
        return new Fiber(run, branch, true, uncancellable ? 1 : 0);
    }

    /**
     * Makes {@code block}'s workers this fiber's children until {@link #disown}: they receive its
     * cancellation, the one it already has included. Does nothing where cancellation is masked
     * (see {@link #worker}).
     */
    void adopt(ParallelBlock block) {
        if (masked > 0) {
            return;
        }
        activeBlock = block;
        CancellationException reason = cancelledWith;
        if (reason != null) {
            block.cancelWorkers(reason);
        }
    }

    /** Forgets {@code block} once all of its workers have ended. */
    void disown(ParallelBlock block) {
        if (activeBlock == block) {
            activeBlock = null;
        }
    }

    RunContext context() {
        return run;
    }

    String branch() {
        return branch;
    }

    CancellationException cancellation() {
        return cancelledWith;
    }

    /** How many interpretations are nested on this fiber now; a body's handle is usable only at its own depth. */
    int depth() {
        return depth;
    }

    // ---------------------------------------------------------------------------------------------
    // Direct style: a body's handle calls these on this fiber's thread, in the middle of evaluating
    // the body's Direct node, when the registers hold nothing yet. They are saved and restored all
    // the same, so the nested interpretation leaves the state it found.

    /**
     * Performs {@code action} for a direct-style body and returns its answer, or throws what the
     * body sees at the call: the run's own cancellation if it is cancelled (unless masked), a
     * failed action as {@link ActionFailedException}.
     */
    Object performForBody(Action<?> action) {
        if (cancelledWith != null && masked == 0) {
            throw cancelledWith;
        }
        Program<?> savedCurrent = current;
        Object savedValue = value;
        Throwable savedError = error;
        depth++;
        try {
            perform(action);
        } finally {
            depth--;
        }
        return restoreAndAnswer(savedCurrent, savedValue, savedError);
    }

    /** Interprets {@code program} for a direct-style body, above the frames already on the stack. */
    Object interpretForBody(Program<?> program) {
        Program<?> savedCurrent = current;
        Object savedValue = value;
        Throwable savedError = error;
        current = program;
        depth++;
        try {
            loop(frames.size());
        } finally {
            depth--;
        }
        return restoreAndAnswer(savedCurrent, savedValue, savedError);
    }

    private Object restoreAndAnswer(Program<?> savedCurrent, Object savedValue, Throwable savedError) {
        Object answer = value;
        Throwable failure = error;
        current = savedCurrent;
        value = savedValue;
        error = savedError;
        if (failure == null) {
            return answer;
        }
        if (failure instanceof Error fatal) {
            throw fatal;
        }
        throw FlowFailedException.unchecked(failure);
    }

    /**
     * Runs a direct-style body right here. Whatever a cancelled body throws (the cancellation
     * itself, an {@link InterruptedException} from a blocking call the cancellation interrupted,
     * or an error of its own while unwinding), it ended because the run was cancelled.
     */
    private void runBody(Flow.Body<?> body) {
        BodyFlow handle = new BodyFlow(this, depth);
        try {
            succeed(body.run(handle));
        } catch (Throwable thrown) {
            fail(cancelledWith != null && masked == 0 ? cancelledWith : thrown);
        } finally {
            handle.end();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Runs until the frame stack is back to {@code base} entries with no node left to evaluate.
     *
     * <p>The commonest work is done right here, with the node in a local, while the run is not
     * cancelled: a bind of a perform performs and continues (a step of a monadic loop costs no
     * call but the executor's and the continuation's), a bind of anything else pushes its
     * continuation and descends, a lone perform performs, and a continuation popped from the stack
     * builds the next node. Everything else goes through {@link #evaluate} and {@link #unwind}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void loop(int base) {
        while (true) {
            Program<?> node = current;
            current = null;
            while (node != null && cancelledWith == null) {
                if (node instanceof Program.FlatMap bind) {
                    Program<?> source = bind.source();
                    if (source instanceof Program.Perform<?> perform) {
                        perform(perform.action());
                        node = error == null ? next((Function) bind.continuation(), value) : null;
                    } else {
                        frames.push(bind.continuation());
                        node = source;
                    }
                } else if (node instanceof Program.Perform<?> perform) {
                    perform(perform.action());
                    node = null;
                } else {
                    break;
                }
            }
            if (node != null) {
                evaluate(node);
            } else if (frames.size() == base) {
                return;
            } else {
                Object entry = frames.pop();
                if (entry instanceof Frame frame) {
                    unwind(frame);
                } else if (error == null) {
                    current = next((Function) entry, value);
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void evaluate(Program<?> node) {
        if (cancelledWith != null && masked == 0) {
            fail(cancelledWith);
            return;
        }
        switch (node) {
            case Program.Pure<?> pure -> succeed(pure.value());
            case Program.Fail<?> fail -> fail(fail.error());
            case Program.Perform<?> perform -> perform(perform.action());
            case Program.FlatMap<?, ?> flatMap -> flatMap((Program.FlatMap) flatMap);
            case Program.Recover<?> recover -> {
                frames.push(new Frame.Handle((Function) recover.handler()));
                current = recover.body();
            }
            case Program.Defer<?> defer -> {
                try {
                    current = requireProgram(defer.thunk().get());
                } catch (Throwable failure) {
                    fail(failure);
                }
            }
            case Program.Bracket<?, ?> bracket -> {
                mask();
                frames.push(new Frame.Acquired((Program.Bracket<Object, ?>) bracket));
                current = bracket.acquire();
            }
            case Program.Parallel<?> parallel -> parallel(parallel.branches());
            case Program.Direct<?> direct -> runBody(direct.body());
        }
    }

    /**
     * A bind. Binds of a perform or a pure value, the common cases, continue at once with no frame
     * pushed; any other source pushes the continuation itself, unwrapped.
     */
    private void flatMap(Program.FlatMap<Object, ?> flatMap) {
        Program<Object> source = flatMap.source();
        if (source instanceof Program.Perform<?> perform) {
            perform(perform.action());
            if (error == null) {
                continueWith(flatMap.continuation(), value);
            }
        } else if (source instanceof Program.Pure<Object> pure) {
            continueWith(flatMap.continuation(), pure.value());
        } else {
            frames.push(flatMap.continuation());
            current = source;
        }
    }

    @SuppressWarnings("unchecked")
    private void unwind(Frame frame) {
        switch (frame) {
            case Frame.Handle handle -> {
                boolean cancelling = error != null && error == cancelledWith && masked == 0;
                if (error != null && !cancelling) {
                    continueWith(handle.handler(), error);
                }
            }
            case Frame.Acquired acquired -> {
                unmask();
                if (error == null) {
                    Object resource = value;
                    frames.push(new Frame.Release((Function<Object, Program<?>>) acquired.bracket().release(), resource));
                    continueWith((Function<Object, Program<?>>) acquired.bracket().use(), resource);
                }
            }
            case Frame.Release release -> {
                mask();
                frames.push(new Frame.Restore(value, error));
                continueWith(release.release(), release.resource());
            }
            case Frame.Restore restore -> {
                unmask();
                restoreAfterRelease(restore);
            }
            case Frame.NextBranch next -> {
                branch = next.parentBranch();
                ordinal = next.parentOrdinal();
                trail.restore(next.parentTrail());
                if (error == null) {
                    next.values()[next.index()] = value;
                    continueBranches(next.branches(), next.values(), next.index() + 1, next.blockPath(), next.parentBranch(),
                            next.parentOrdinal(), next.parentTrail());
                }
            }
        }
    }

    private void restoreAfterRelease(Frame.Restore restore) {
        Throwable releaseError = error;
        if (restore.error() != null) {
            if (releaseError != null && releaseError != restore.error()) {
                restore.error().addSuppressed(releaseError);
            }
            fail(restore.error());
        } else if (releaseError == null) {
            succeed(restore.value());
        }
    }

    /**
     * Performs one step: numbers it, gives it the next key of its branch, has the executor (or, for
     * a built-in action, the runner) carry it out, checks the answer's type, and records it in the
     * trail. The path without a listener is kept small: it runs once per step, so it allocates
     * nothing and reads no clock ({@link Step#current()} makes its {@code Step} only if asked).
     */
    private void perform(Action<?> action) {
        if (run.listening) {
            if (run.timingListener != null) {
                performTimed(action, run.timingListener);
            } else {
                performListened(action);
            }
            return;
        }
        long number = nextStep();
        int stepOrdinal = ordinal++;
        Object answer;
        executing.begin(number, branch, stepOrdinal, action);
        try {
            answer = answer(action);
            ResultTypes.check(action, lastDeclaredType, answer);
        } catch (Throwable thrown) {
            executing.end();
            failed(action, number, stepOrdinal, thrown);
            return;
        }
        executing.end();
        trail.add(action);
        succeed(answer);
    }

    /**
     * {@link #perform} with the listener told before and after, on this thread, right around the
     * executor's call; a listener that throws fails the step. The clock is read twice per step:
     * once for the start (the step's instant is derived from that reading, see
     * {@link Clock#instantAt}) and once for the end; reading it costs more than the rest of this.
     */
    private void performListened(Action<?> action) {
        long number = nextStep();
        int stepOrdinal = ordinal++;
        Clock clock = run.clock;
        long start = clock.nanoTime();
        Step step = new Step(number, new StepKey(branch, stepOrdinal), action, clock.instantAt(start));
        Throwable failure = null;
        executing.begin(step);
        try {
            run.listener.started(step);
        } catch (Throwable listenerFailed) {
            failure = listenerFailed;
        }
        Object answer = null;
        if (failure == null) {
            try {
                answer = answer(action);
                ResultTypes.check(action, lastDeclaredType, answer);
            } catch (Throwable thrown) {
                failure = thrown;
            }
        }
        Duration duration = Duration.ofNanos(clock.nanoTime() - start);
        try {
            run.listener.finished(step, toldOutcome(answer, failure), duration);
        } catch (Throwable listenerFailed) {
            failure = withListenerFailure(failure, listenerFailed);
        }
        endListened(action, number, stepOrdinal, answer, failure);
    }

    /**
     * {@link #performListened} for a {@link StepTimingListener}: the same calls at the same points,
     * but no {@link Step} made ({@link Step#current()} makes one, stamped from {@code start}, if
     * asked), the duration handed over in nanoseconds and a success as {@code Option.none()}, so an
     * answered step allocates nothing for it.
     */
    private void performTimed(Action<?> action, StepTimingListener listener) {
        long number = nextStep();
        int stepOrdinal = ordinal++;
        Clock clock = run.clock;
        long start = clock.nanoTime();
        Throwable failure = null;
        executing.begin(number, branch, stepOrdinal, action, start);
        try {
            listener.stepStarted(action);
        } catch (Throwable listenerFailed) {
            failure = listenerFailed;
        }
        Object answer = null;
        if (failure == null) {
            try {
                answer = answer(action);
                ResultTypes.check(action, lastDeclaredType, answer);
            } catch (Throwable thrown) {
                failure = thrown;
            }
        }
        long nanos = clock.nanoTime() - start;
        try {
            listener.stepFinished(action, failure == null ? Option.none() : Option.some(shownToListener(failure)), nanos);
        } catch (Throwable listenerFailed) {
            failure = withListenerFailure(failure, listenerFailed);
        }
        endListened(action, number, stepOrdinal, answer, failure);
    }

    /** What a listener is told a step ended with: its answer, or its failure as {@link #shownToListener} shows it. */
    private Try<Object> toldOutcome(Object answer, Throwable failure) {
        return failure == null ? Try.success(answer) : FatalErrorException.failure(shownToListener(failure));
    }

    /** The step's failure once a listener's {@code finished} threw {@code listenerFailed}. */
    private static Throwable withListenerFailure(Throwable failure, Throwable listenerFailed) {
        if (failure == null) {
            return listenerFailed;
        }
        if (failure != listenerFailed) {
            // a listener may rethrow the step's own failure: suppressing it in itself would throw
            failure.addSuppressed(listenerFailed);
        }
        return failure;
    }

    /** A listened step has been told about: the flow goes on with its answer or its failure. */
    private void endListened(Action<?> action, long number, int stepOrdinal, Object answer, Throwable failure) {
        executing.end();
        if (failure == null) {
            trail.add(action);
            succeed(answer);
        } else {
            failed(action, number, stepOrdinal, failure);
        }
    }

    /**
     * What the listener is told a step failed with. vavr's {@code Try} refuses to hold an
     * {@link InterruptedException} (it throws it instead, which would kill the run's thread before
     * its handle completes), so an interrupted step is shown as the cancellation that interrupted
     * it, or as a cancellation caused by the interrupt.
     */
    private Throwable shownToListener(Throwable failure) {
        if (!(failure instanceof InterruptedException)) {
            return failure;
        }
        if (cancelledWith != null) {
            return cancelledWith;
        }
        CancellationException interrupted = new CancellationException("the step's thread was interrupted");
        interrupted.initCause(failure);
        return interrupted;
    }

    /**
     * The answer to {@code action}: the runner's own for a built-in action (unless the run hands
     * those to the executor), else the executor's. Remembers the action's class, its declared
     * result type and whether it is built in: loops repeat one class.
     */
    private Object answer(Action<?> action) throws Exception {
        if (action.getClass() != lastActionClass) {
            lastActionClass = action.getClass();
            lastDeclaredType = ResultTypes.declared(lastActionClass);
            lastBuiltIn = action instanceof BuiltIn<?>;
        }
        return lastBuiltIn && run.runnerAnswersBuiltIns
                ? RunnerBuiltIns.answer((BuiltIn<?>) action, run)
                : run.executor.execute(action);
    }

    private long nextStep() {
        return worker ? run.nextStepShared() : run.nextStepAlone();
    }

    /** Step {@code number} failed with {@code failure}: the outcome names it, unless the run was cancelled. */
    private void failed(Action<?> action, long number, int stepOrdinal, Throwable failure) {
        if (cancelledWith != null && masked == 0) {
            // whatever the executor threw on being interrupted, the step ended because the run was cancelled
            fail(cancelledWith);
        } else {
            List<Action<?>> before = trail.snapshot();
            trail.add(action);
            fail(new ActionFailedException(action, number, new StepKey(branch, stepOrdinal), before, failure, run.redaction));
        }
    }

    /**
     * A parallel block: it takes the next ordinal {@code k} of this branch's path {@code P}, and its
     * branch {@code i} runs on path {@code P/k/i}, whether the branches run at once or one after another.
     */
    private void parallel(List<? extends Program<?>> branches) {
        Program<?>[] programs = branches.toJavaList().toArray(new Program<?>[0]);
        String blockPath = branch + "/" + ordinal++;
        if (run.parallelism > 1 && programs.length > 1) {
            Try<List<Object>> outcome = new ParallelBlock(this, programs, blockPath).run();
            if (outcome.isSuccess()) {
                succeed(outcome.get());
            } else {
                fail(FatalErrorException.unwrapped(outcome.getCause()));
            }
        } else {
            continueBranches(programs, new Object[programs.length], 0, blockPath, branch, ordinal, trail.copy());
        }
    }

    /**
     * Runs branch {@code index} next, on its own path with its own ordinals and trail, as a
     * concurrent block runs it, so that step keys and error trails do not depend on parallelism.
     */
    private void continueBranches(Program<?>[] branches, Object[] values, int index, String blockPath, String parentBranch,
            int parentOrdinal, Trail parentTrail) {
        if (index == branches.length) {
            succeed(List.of(values));
        } else {
            frames.push(new Frame.NextBranch(branches, values, index, blockPath, parentBranch, parentOrdinal, parentTrail));
            branch = blockPath + "/" + index;
            ordinal = 0;
            trail.clear();
            current = branches[index];
        }
    }

    /**
     * Continues with the program user code {@code next} builds from {@code argument}; its exception
     * becomes the outcome. No lambda here: this runs once per step.
     */
    private <T> void continueWith(Function<? super T, ? extends Program<?>> next, T argument) {
        current = next(next, argument);
    }

    /** The program {@code next} builds from {@code argument}, or null with its exception as the outcome. */
    private <T> Program<?> next(Function<? super T, ? extends Program<?>> next, T argument) {
        try {
            return requireProgram(next.apply(argument));
        } catch (Throwable failure) {
            fail(failure);
            return null;
        }
    }

    private static Program<?> requireProgram(Program<?> built) {
        if (built == null) {
            throw new NullPointerException("a flow function returned null instead of a Program");
        }
        return built;
    }

    private Try<Object> outcome() {
        return error == null ? Try.success(value) : FatalErrorException.failure(error);
    }

    private void succeed(Object result) {
        value = result;
        error = null;
    }

    private void fail(Throwable failure) {
        value = null;
        error = failure;
    }

    /** Masks cancellation: a cancel no longer interrupts, and one already delivered stops interrupting. */
    void mask() {
        synchronized (this) {
            masked++;
            // a cancellation delivered before the mask must not interrupt the finalizer's actions
            Thread.interrupted();
        }
    }

    /**
     * Unmasks cancellation. Leaving the last mask of a cancelled fiber interrupts its thread again,
     * as the cancel would have: a direct-style body that goes on to block between performs is
     * woken, and the next node or perform sees the cancellation.
     */
    void unmask() {
        synchronized (this) {
            masked--;
            if (masked == 0 && cancelledWith != null) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void attachThread() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        executing.attach();
    }

    private void detachThread() {
        CurrentStep.detach();
        synchronized (this) {
            thread = null;
            Thread.interrupted();
        }
    }
}
