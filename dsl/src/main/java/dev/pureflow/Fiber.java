package dev.pureflow;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Interprets programs on one thread with an explicit stack of {@link Frame}s: the one runner loop.
 *
 * <p>Stack depth never depends on the program: each node either produces an outcome or pushes a
 * frame and moves on. Cancellation is a flag checked before each node and an interrupt for a
 * blocked action; while {@link #masked} (bracket acquisition and release) neither happens, so
 * finalizers run to completion. Confined to its thread except {@link #cancel}, which any thread may
 * call.
 */
final class Fiber {

    private final RunContext run;
    private final ReentrantLock lock = new ReentrantLock();
    // a set, not a copy-on-write list: a parallel block of 10,000 branches adds and removes each worker
    private final Set<Fiber> children = ConcurrentHashMap.newKeySet();
    private final Trail trail = new Trail();
    private volatile CancellationException cancelledWith;
    private Thread thread;
    private int masked;
    private String branch;
    private Class<?> lastActionClass;
    private Class<?> lastDeclaredType;

    // the interpreter's registers: the node being evaluated, or else the outcome being returned
    private Program<?> current;
    private Object value;
    private Throwable error;

    Fiber(RunContext run, String branch, boolean uncancellable) {
        this.run = run;
        this.branch = branch;
        this.masked = uncancellable ? 1 : 0;
    }

    /** Interprets {@code program} on the calling thread and returns its outcome. */
    Try<Object> run(Program<?> program, String branchName) {
        lock.lock();
        try {
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        branch = branchName;
        trail.clear();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        current = program;
        value = null;
        error = null;
        while (true) {
            if (current != null) {
                evaluate(stack);
            } else if (stack.isEmpty()) {
                break;
            } else {
                unwind(stack.pop(), stack);
            }
        }
        detachThread();
        if (error == null && isCancelled() && masked == 0) {
            error = cancelledWith;
        }
        return error == null ? Try.success(value) : Try.failure(error);
    }

    boolean isCancelled() {
        return cancelledWith != null;
    }

    boolean isUncancellable() {
        return masked > 0;
    }

    /** Asks this fiber and its children to stop with {@code reason}; finalizers still run. */
    void cancel(CancellationException reason) {
        lock.lock();
        try {
            if (cancelledWith != null) {
                return;
            }
            cancelledWith = reason;
            if (masked == 0 && thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
        children.forEach(child -> child.cancel(reason));
    }

    /**
     * A fiber for one worker of a parallel block this fiber is about to run; call on this fiber's
     * thread. Where cancellation is masked (a finalizer, a bracket's acquisition or release) the
     * block is uncancellable as a whole: its workers are masked too and are not this fiber's
     * children, so neither a cancellation this fiber already has nor one that comes later reaches
     * them, and every branch runs. Elsewhere the worker is a child: it inherits this fiber's
     * cancellation and receives any later one.
     */
    Fiber newWorker() {
        if (masked > 0) {
            return new Fiber(run, branch, true);
        }
        Fiber worker = new Fiber(run, branch, false);
        children.add(worker);
        // after the add: a cancel that set the flag before it may have missed the worker in children
        if (isCancelled()) {
            worker.cancel(cancelledWith);
        }
        return worker;
    }

    /** Forgets a worker from {@link #newWorker()} once it has ended. */
    void disown(Fiber worker) {
        children.remove(worker);
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

    // ---------------------------------------------------------------------------------------------

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void evaluate(ArrayDeque<Frame> stack) {
        Program<?> node = current;
        current = null;
        if (cancelledWith != null && masked == 0) {
            fail(cancelledWith);
            return;
        }
        switch (node) {
            case Program.Pure<?> pure -> succeed(pure.value());
            case Program.Fail<?> fail -> fail(fail.error());
            case Program.Perform<?> perform -> perform(perform.action());
            case Program.FlatMap<?, ?> flatMap -> {
                if (flatMap.source() instanceof Program.Perform<?> perform) {
                    // the most common bind, perform(action).flatMap(k): no frame to push and pop
                    perform(perform.action());
                    if (error == null) {
                        continueWith((Function) flatMap.continuation(), value);
                    }
                } else {
                    stack.push(new Frame.Then((Function) flatMap.continuation()));
                    current = flatMap.source();
                }
            }
            case Program.Recover<?> recover -> {
                stack.push(new Frame.Handle((Function) recover.handler()));
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
                stack.push(new Frame.Acquired((Program.Bracket<Object, ?>) bracket));
                current = bracket.acquire();
            }
            case Program.Parallel<?> parallel -> parallel(parallel.branches(), stack);
            case Program.Direct<?> direct -> {
                GeneratorSession session = GeneratorSession.start(direct.body(), this);
                take(session.firstMessage(), session, stack);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void unwind(Frame frame, ArrayDeque<Frame> stack) {
        switch (frame) {
            case Frame.Then then -> {
                if (error == null) {
                    continueWith(then.next(), value);
                }
            }
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
                    stack.push(new Frame.Release((Function<Object, Program<?>>) acquired.bracket().release(), resource));
                    continueWith((Function<Object, Program<?>>) acquired.bracket().use(), resource);
                }
            }
            case Frame.Release release -> {
                mask();
                stack.push(new Frame.Restore(value, error));
                continueWith(release.release(), release.resource());
            }
            case Frame.Restore restore -> {
                unmask();
                restoreAfterRelease(restore);
            }
            case Frame.Resume resume -> take(resume.session().resume(outcome()), resume.session(), stack);
            case Frame.NextBranch next -> {
                branch = next.parentBranch();
                trail.restore(next.parentTrail());
                if (error == null) {
                    next.values()[next.index()] = value;
                    continueBranches(next.branches(), next.values(), next.index() + 1, next.parentBranch(), next.parentTrail(), stack);
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

    private void perform(Action<?> action) {
        long number = run.nextStep();
        Step step = null;
        long start = 0;
        Object answer = null;
        Throwable failure = null;
        if (run.listening) {
            step = new Step(number, branch, action, run.clock.instant());
            try {
                run.listener.started(step);
            } catch (Throwable listenerFailed) {
                failure = listenerFailed;
            }
            start = run.clock.nanoTime();
        }
        if (failure == null) {
            try {
                answer = run.executor.execute(action);
                checkResultType(action, answer);
            } catch (Throwable thrown) {
                failure = thrown;
            }
        }
        if (step != null) {
            Try<Object> outcome = failure == null ? Try.success(answer) : Try.failure(failure);
            try {
                run.listener.finished(step, outcome, Duration.ofNanos(run.clock.nanoTime() - start));
            } catch (Throwable listenerFailed) {
                if (failure == null) {
                    failure = listenerFailed;
                } else if (failure != listenerFailed) {
                    // a listener may rethrow the step's own failure: suppressing it in itself would throw
                    failure.addSuppressed(listenerFailed);
                }
            }
        }
        if (failure == null) {
            trail.add(action);
            succeed(answer);
        } else if (cancelledWith != null && masked == 0) {
            // whatever the executor threw on being interrupted, the step ended because the run was cancelled
            fail(cancelledWith);
        } else {
            List<Action<?>> before = trail.snapshot();
            trail.add(action);
            fail(new ActionFailedException(action, number, branch, before, failure, run.redaction));
        }
    }

    /** The result check, with the last action class's declared type at hand: loops repeat one class. */
    private void checkResultType(Action<?> action, Object answer) {
        if (action.getClass() != lastActionClass) {
            lastActionClass = action.getClass();
            lastDeclaredType = ResultTypes.declared(lastActionClass);
        }
        ResultTypes.check(action, lastDeclaredType, answer);
    }

    private void parallel(List<? extends Program<?>> branches, ArrayDeque<Frame> stack) {
        Program<?>[] programs = branches.toJavaList().toArray(new Program<?>[0]);
        if (run.parallelism > 1 && programs.length > 1) {
            Try<List<Object>> outcome = new ParallelBlock(this, programs).run();
            if (outcome.isSuccess()) {
                succeed(outcome.get());
            } else {
                fail(outcome.getCause());
            }
        } else {
            continueBranches(programs, new Object[programs.length], 0, branch, trail.copy(), stack);
        }
    }

    /**
     * Runs branch {@code index} next, named and with a trail of its own as a concurrent block runs
     * it, so that step branches and error trails do not depend on parallelism.
     */
    private void continueBranches(Program<?>[] branches, Object[] values, int index, String parentBranch,
            Trail parentTrail, ArrayDeque<Frame> stack) {
        if (index == branches.length) {
            succeed(List.of(values));
        } else {
            stack.push(new Frame.NextBranch(branches, values, index, parentBranch, parentTrail));
            branch = parentBranch + "/" + index;
            trail.clear();
            current = branches[index];
        }
    }

    private void take(GeneratorSession.Message message, GeneratorSession session, ArrayDeque<Frame> stack) {
        switch (message) {
            case GeneratorSession.Message.Request request -> {
                stack.push(new Frame.Resume(session));
                current = request.program();
            }
            case GeneratorSession.Message.Done done -> succeed(done.value());
            case GeneratorSession.Message.Failed failed -> fail(failed.error());
        }
    }

    /**
     * Continues with the program user code {@code next} builds from {@code argument}; its exception
     * becomes the outcome. No lambda here: this runs once per step.
     */
    private <T> void continueWith(Function<? super T, ? extends Program<?>> next, T argument) {
        try {
            current = requireProgram(next.apply(argument));
        } catch (Throwable failure) {
            fail(failure);
        }
    }

    private static Program<?> requireProgram(Program<?> built) {
        if (built == null) {
            throw new NullPointerException("a flow function returned null instead of a Program");
        }
        return built;
    }

    private Try<Object> outcome() {
        return error == null ? Try.success(value) : Try.failure(error);
    }

    private void succeed(Object result) {
        value = result;
        error = null;
    }

    private void fail(Throwable failure) {
        value = null;
        error = failure;
    }

    private void mask() {
        lock.lock();
        try {
            masked++;
            // a cancellation delivered before the mask must not interrupt the finalizer's actions
            Thread.interrupted();
        } finally {
            lock.unlock();
        }
    }

    private void unmask() {
        lock.lock();
        try {
            masked--;
        } finally {
            lock.unlock();
        }
    }

    private void detachThread() {
        lock.lock();
        try {
            thread = null;
            Thread.interrupted();
        } finally {
            lock.unlock();
        }
    }
}
