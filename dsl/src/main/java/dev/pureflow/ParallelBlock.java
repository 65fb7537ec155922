package dev.pureflow;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One parallel block run concurrently: at most {@code parallelism} worker fibers, each on its own
 * virtual thread, take branches in input order until none is left. The first failing branch
 * cancels the others; the block ends only when every worker thread has terminated (structured
 * concurrency). A block started where cancellation is masked (inside a finalizer, say) is
 * uncancellable as a whole and runs every branch; see {@link Fiber#worker}. A block yields its
 * values only if every branch yielded one: a block that stopped early fails.
 *
 * <p>Workers are started on demand: the block starts one, and a worker that takes a branch while
 * no other worker stands ready starts the next before it runs its branch, until there are
 * {@code parallelism} of them. So every branch still gets a thread of its own while the others
 * run (a branch that waits for a sibling is never stuck behind it, and under a virtual clock the
 * next worker counts before the branch can sleep), but branches that end at once are taken one
 * after another by the few workers already running instead of each costing a thread: for 10,000
 * one-step branches a thread per branch was most of what the block cost (bench/ANALYSIS.md).
 */
final class ParallelBlock {

    private final Fiber parent;
    /** {@code P/k}: the parent's path and the block's ordinal in it; branch {@code i} runs on {@code P/k/i}. */
    private final String blockPath;
    private final Program<?>[] branches;
    private final Object[] values;
    private final RunContext context;
    /** The parent's branch and masking, read on its thread: workers are made on theirs. */
    private final String parentBranch;
    private final boolean uncancellable;
    private final String threadName;
    private final int maxWorkers;
    private final AtomicInteger nextBranch = new AtomicInteger();
    private final AtomicInteger branchesDone = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    /** Workers made so far; worker {@code w} is in slot {@code w} of the two arrays. */
    private final AtomicInteger started = new AtomicInteger();
    /** Worker threads not yet at their end; the last to end completes {@link #allEnded}. */
    private final AtomicInteger running = new AtomicInteger();
    /** Workers started and not running a branch: ready to take the next one. */
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicReferenceArray<Fiber> workers;
    private final Thread[] threads;
    /** Why the workers were stopped, if they were: a worker made later is stopped as it is made. */
    private volatile CancellationException stopped;

    ParallelBlock(Fiber parent, Program<?>[] branches, String blockPath) {
        this.parent = parent;
        this.blockPath = blockPath;
        this.branches = branches;
        this.values = new Object[branches.length];
        this.context = parent.context();
        this.parentBranch = parent.branch();
        this.uncancellable = parent.isUncancellable();
        this.threadName = "pureflow-" + parentBranch + "-worker";
        this.maxWorkers = Math.min(context.parallelism, branches.length);
        this.workers = new AtomicReferenceArray<>(maxWorkers);
        this.threads = new Thread[maxWorkers];
    }

    /** Runs the block on the parent's thread and returns its values or its failure. */
    Try<List<Object>> run() {
        parent.adopt(this);
        running.incrementAndGet(); // the first worker's, taken by the parent for it
        startWorker();
        awaitAllEnded(context.clock);
        // Each worker has only its return left, which waits on nothing: joining cannot hold a
        // virtual clock's time still for more than that, and no worker thread outlives the block.
        int made = started.get();
        for (int w = 0; w < made; w++) {
            if (threads[w] != null) {
                Uninterruptibly.join(threads[w]);
            }
        }
        parent.disown(this);
        return outcome(uncancellable);
    }

    /** Cancels every worker with {@code reason}: the parent was cancelled. Any thread may call this. */
    void cancelWorkers(CancellationException reason) {
        stop(reason, null);
    }

    /**
     * Cancels every worker but {@code spared} with {@code reason}, those made from now on included.
     * Either a worker being made sees {@link #stopped}, or this sees the worker in its slot.
     */
    private void stop(CancellationException reason, Fiber spared) {
        if (stopped == null) {
            stopped = reason;
        }
        int made = started.get();
        for (int w = 0; w < made; w++) {
            Fiber worker = workers.get(w);
            if (worker != null && worker != spared) {
                worker.cancel(reason);
            }
        }
    }

    /**
     * Makes and starts one more worker, unless there are {@code parallelism} of them already. The
     * caller has counted the new worker in {@link #running} (so the block cannot end between this
     * call and the new thread's start), and it is given back here if no worker is started.
     */
    private void startWorker() {
        int slot;
        do {
            slot = started.get();
            if (slot == maxWorkers) {
                endOfWorker();
                return;
            }
        } while (!started.compareAndSet(slot, slot + 1));
        Fiber worker = Fiber.worker(context, parentBranch, uncancellable);
        workers.set(slot, worker);
        CancellationException reason = stopped;
        if (reason != null) {
            worker.cancel(reason);
        }
        ready.incrementAndGet();
        try {
            threads[slot] = context.clock.startThread(threadName, () -> {
                try {
                    work(worker);
                } finally {
                    endOfWorker();
                }
            });
        } catch (Throwable notStarted) {
            ready.decrementAndGet();
            failed(notStarted, worker, -1);
            endOfWorker();
        }
    }

    private void endOfWorker() {
        if (running.decrementAndGet() == 0) {
            allEnded.complete(null);
        }
    }

    private Try<List<Object>> outcome(boolean uncancellable) {
        Throwable failure = firstFailure.get();
        if (failure != null) {
            return FatalErrorException.failure(failure);
        }
        if (parent.isCancelled() && !uncancellable) {
            return Try.failure(parent.cancellation());
        }
        if (branchesDone.get() < branches.length) {
            // stopped early without a failure of its own (its thread was interrupted, say): never
            // pass off the missing values as nulls. Only a stop skips branches, and every worker it
            // reaches gets the reason it keeps; the fallback is a guard, not a path a block takes.
            CancellationException reason = stopped;
            return Try.failure(reason != null ? reason
                    : new CancellationException("a parallel block stopped before all of its branches ran"));
        }
        return Try.success(List.of(values));
    }

    /**
     * Takes branches until none is left or the block stops. Before running a branch taken while no
     * other worker stands ready, starts one, so the next branch never waits for this one to end.
     */
    private void work(Fiber worker) {
        try {
            while (firstFailure.get() == null && !worker.isCancelled()) {
                int index = nextBranch.getAndIncrement();
                if (index >= branches.length) {
                    return;
                }
                if (ready.decrementAndGet() == 0 && index + 1 < branches.length) {
                    running.incrementAndGet();
                    startWorker();
                }
                try {
                    Try<Object> outcome = worker.run(branches[index], blockPath + "/" + index);
                    if (outcome.isSuccess()) {
                        values[index] = outcome.get();
                        branchesDone.incrementAndGet();
                    } else {
                        failed(FatalErrorException.unwrapped(outcome.getCause()), worker, index);
                    }
                } finally {
                    ready.incrementAndGet();
                }
            }
        } finally {
            ready.decrementAndGet();
        }
    }

    /** Branch {@code index} failed with {@code failure} on {@code worker} (-1: starting a worker failed). */
    private void failed(Throwable failure, Fiber worker, int index) {
        if (failure instanceof CancellationException && worker.isCancelled()) {
            return; // stopped because a sibling failed or the block was cancelled: not a failure of its own
        }
        if (firstFailure.compareAndSet(null, failure)) {
            CancellationException reason = new CancellationException(index < 0
                    ? "cancelled because a worker of the same parallel block could not be started"
                    : "cancelled because branch " + blockPath + "/" + index + " of the same parallel block failed");
            stop(reason, worker);
        } else if (firstFailure.get() != failure) {
            firstFailure.get().addSuppressed(failure);
        }
    }

    /**
     * Waits for every worker. A cancelled parent has already cancelled them, so keep waiting; an
     * interrupt without a cancel stops a cancellable block's workers, but not an uncancellable
     * block's, whose thread keeps the interrupt for later.
     */
    private void awaitAllEnded(Clock clock) {
        boolean interruptedWhileMasked = false;
        while (true) {
            try {
                clock.await(allEnded);
                break;
            } catch (InterruptedException interrupted) {
                if (uncancellable) {
                    interruptedWhileMasked = true;
                    continue;
                }
                CancellationException reason = parent.cancellation() != null
                        ? parent.cancellation()
                        : new CancellationException("the thread running a parallel block was interrupted");
                cancelWorkers(reason);
            }
        }
        if (interruptedWhileMasked) {
            Thread.currentThread().interrupt();
        }
    }
}
