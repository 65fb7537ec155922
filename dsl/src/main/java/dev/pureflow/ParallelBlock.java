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
 * cancels the others; the block ends only when every worker has ended (structured concurrency).
 */
final class ParallelBlock {

    private final Fiber parent;
    private final Program<?>[] branches;
    private final Object[] values;
    private final AtomicInteger nextBranch = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();

    ParallelBlock(Fiber parent, Program<?>[] branches) {
        this.parent = parent;
        this.branches = branches;
        this.values = new Object[branches.length];
    }

    Try<List<Object>> run() {
        RunContext context = parent.context();
        int workerCount = Math.min(context.parallelism, branches.length);
        AtomicInteger running = new AtomicInteger(workerCount);
        Fiber[] workers = new Fiber[workerCount];
        for (int w = 0; w < workerCount; w++) {
            workers[w] = new Fiber(context, parent.branch(), parent.isUncancellable());
            parent.adopt(workers[w]);
        }
        context.enterConcurrentBlock();
        for (Fiber worker : workers) {
            context.clock.startThread("pureflow-" + parent.branch() + "-worker", () -> {
                try {
                    work(worker, workers);
                } finally {
                    if (running.decrementAndGet() == 0) {
                        allEnded.complete(null);
                    }
                }
            });
        }
        awaitAllEnded(context.clock, workers);
        context.leaveConcurrentBlock();
        for (Fiber worker : workers) {
            parent.disown(worker);
        }
        Throwable failure = firstFailure.get();
        if (failure != null) {
            return Try.failure(failure);
        }
        if (parent.isCancelled() && !parent.isUncancellable()) {
            return Try.failure(parent.cancellation());
        }
        return Try.success(List.of(values));
    }

    private void work(Fiber worker, Fiber[] workers) {
        while (firstFailure.get() == null && !worker.isCancelled()) {
            int index = nextBranch.getAndIncrement();
            if (index >= branches.length) {
                return;
            }
            Try<Object> outcome = worker.run(branches[index], parent.branch() + "/" + index);
            if (outcome.isSuccess()) {
                values[index] = outcome.get();
            } else {
                failed(outcome.getCause(), worker, workers, index);
            }
        }
    }

    private void failed(Throwable failure, Fiber worker, Fiber[] workers, int index) {
        if (failure instanceof CancellationException && worker.isCancelled()) {
            return; // stopped because a sibling failed or the block was cancelled: not a failure of its own
        }
        if (firstFailure.compareAndSet(null, failure)) {
            CancellationException reason = new CancellationException(
                    "cancelled because branch " + parent.branch() + "/" + index + " of the same parallel block failed");
            for (Fiber sibling : workers) {
                if (sibling != worker) {
                    sibling.cancel(reason);
                }
            }
        } else if (firstFailure.get() != failure) {
            firstFailure.get().addSuppressed(failure);
        }
    }

    /** Waits for every worker; a cancelled parent has already cancelled them, so keep waiting. */
    private void awaitAllEnded(Clock clock, Fiber[] workers) {
        while (true) {
            try {
                clock.await(allEnded);
                return;
            } catch (InterruptedException interrupted) {
                CancellationException reason = parent.cancellation() != null
                        ? parent.cancellation()
                        : new CancellationException("the thread running a parallel block was interrupted");
                for (Fiber worker : workers) {
                    worker.cancel(reason);
                }
            }
        }
    }
}
