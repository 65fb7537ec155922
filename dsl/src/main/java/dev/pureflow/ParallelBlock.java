package dev.pureflow;

import io.vavr.collection.List;
import io.vavr.control.Try;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One parallel block run concurrently: at most {@code parallelism} worker fibers, each on its own
 * virtual thread, take branches in input order until none is left. The first failing branch
 * cancels the others; the block ends only when every worker thread has terminated (structured
 * concurrency). A block started where cancellation is masked (inside a finalizer, say) is
 * uncancellable as a whole and runs every branch; see {@link Fiber#newWorker()}. A block yields its
 * values only if every branch yielded one: a block that stopped early fails.
 */
final class ParallelBlock {

    private final Fiber parent;
    /** {@code P/k}: the parent's path and the block's ordinal in it; branch {@code i} runs on {@code P/k/i}. */
    private final String blockPath;
    private final Program<?>[] branches;
    private final Object[] values;
    private final AtomicInteger nextBranch = new AtomicInteger();
    private final AtomicInteger branchesDone = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    // written once by the parent's thread before adopt publishes this block through a volatile field
    private Fiber[] workers;

    ParallelBlock(Fiber parent, Program<?>[] branches, String blockPath) {
        this.parent = parent;
        this.blockPath = blockPath;
        this.branches = branches;
        this.values = new Object[branches.length];
    }

    Try<List<Object>> run() {
        RunContext context = parent.context();
        boolean uncancellable = parent.isUncancellable();
        int workerCount = Math.min(context.parallelism, branches.length);
        AtomicInteger running = new AtomicInteger(workerCount);
        workers = new Fiber[workerCount];
        for (int w = 0; w < workerCount; w++) {
            workers[w] = parent.newWorker();
        }
        parent.adopt(this);
        Thread[] threads = new Thread[workerCount];
        String threadName = "pureflow-" + parent.branch() + "-worker";
        for (int w = 0; w < workerCount; w++) {
            Fiber worker = workers[w];
            threads[w] = context.clock.startThread(threadName, () -> {
                try {
                    work(worker);
                } finally {
                    if (running.decrementAndGet() == 0) {
                        allEnded.complete(null);
                    }
                }
            });
        }
        awaitAllEnded(context.clock, uncancellable);
        // Each worker has only its return left, which waits on nothing: joining cannot hold a
        // virtual clock's time still for more than that, and no worker thread outlives the block.
        for (Thread thread : threads) {
            Uninterruptibly.join(thread);
        }
        parent.disown(this);
        return outcome(uncancellable);
    }

    /** Cancels every worker with {@code reason}: the parent was cancelled. Any thread may call this. */
    void cancelWorkers(CancellationException reason) {
        for (Fiber worker : workers) {
            worker.cancel(reason);
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
            // stopped early without a failure of its own: never pass off the missing values as nulls
            for (Fiber worker : workers) {
                if (worker.isCancelled()) {
                    return Try.failure(worker.cancellation());
                }
            }
            return Try.failure(new CancellationException("a parallel block stopped before all of its branches ran"));
        }
        return Try.success(List.of(values));
    }

    private void work(Fiber worker) {
        while (firstFailure.get() == null && !worker.isCancelled()) {
            int index = nextBranch.getAndIncrement();
            if (index >= branches.length) {
                return;
            }
            Try<Object> outcome = worker.run(branches[index], blockPath + "/" + index);
            if (outcome.isSuccess()) {
                values[index] = outcome.get();
                branchesDone.incrementAndGet();
            } else {
                failed(FatalErrorException.unwrapped(outcome.getCause()), worker, index);
            }
        }
    }

    private void failed(Throwable failure, Fiber worker, int index) {
        if (failure instanceof CancellationException && worker.isCancelled()) {
            return; // stopped because a sibling failed or the block was cancelled: not a failure of its own
        }
        if (firstFailure.compareAndSet(null, failure)) {
            CancellationException reason = new CancellationException(
                    "cancelled because branch " + blockPath + "/" + index + " of the same parallel block failed");
            for (Fiber sibling : workers) {
                if (sibling != worker) {
                    sibling.cancel(reason);
                }
            }
        } else if (firstFailure.get() != failure) {
            firstFailure.get().addSuppressed(failure);
        }
    }

    /**
     * Waits for every worker. A cancelled parent has already cancelled them, so keep waiting; an
     * interrupt without a cancel stops a cancellable block's workers, but not an uncancellable
     * block's, whose thread keeps the interrupt for later.
     */
    private void awaitAllEnded(Clock clock, boolean uncancellable) {
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
