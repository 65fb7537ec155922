package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads on which a {@link ProcessExecutor} reads and writes its processes' pipes,
 * one per open pipe. A thread is kept a moment after its pipe ends, so that commands run one after
 * another reuse it: starting two platform threads per command was most of what a short command
 * cost beyond the spawn itself (bench/ANALYSIS.md). {@link #close()} ends them all before it
 * returns, except those a pipe task holds that was {@linkplain PipeTask#strand() stranded}: blocked
 * on a pipe that a process outside the executor's reach holds open, such a thread ends when that
 * process does. Thread-safe.
 *
 * <p>Platform threads, not virtual ones: a read or write on a process pipe blocks in native code
 * and pins a virtual thread to its carrier for the life of the process, so a few hundred running
 * processes would take every carrier and stall all virtual threads of the JVM.
 */
final class PipeThreads implements AutoCloseable {

    /** How often close looks again whether a thread it waits for has been stranded meanwhile. */
    private static final Duration RECHECK = Duration.ofMillis(50);

    /** Every pipe thread started and not yet ended. */
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    /** The task each busy pipe thread runs. */
    private final Map<Thread, PipeTask> serving = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;

    /** Pipe threads that end after {@code idle} without a pipe to serve. */
    PipeThreads(Duration idle) {
        ThreadFactory platform = Thread.ofPlatform().daemon().name("pureflow-pipe-idle-", 1).factory();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, idle.toNanos(), TimeUnit.NANOSECONDS,
                new SynchronousQueue<>(), work -> {
                    Thread thread = platform.newThread(() -> {
                        try {
                            work.run();
                        } finally {
                            live.remove(Thread.currentThread());
                        }
                    });
                    live.add(thread); // before it starts, so close cannot miss it
                    return thread;
                });
    }

    /**
     * Runs {@code task} on a pipe thread named {@code name} while it runs it (so a thread dump says
     * which process a blocked thread serves). Throws {@link java.util.concurrent.RejectedExecutionException}
     * once closed.
     */
    PipeTask start(String name, Runnable task) {
        PipeTask started = new PipeTask();
        pool.execute(() -> {
            Thread self = Thread.currentThread();
            String idle = self.getName();
            self.setName(name);
            serving.put(self, started);
            try {
                task.run();
            } finally {
                serving.remove(self);
                self.setName(idle); // before done: once a run has ended, no thread carries its name
                started.done.complete(null);
            }
        });
        return started;
    }

    /**
     * Stops taking tasks, and waits until every pipe thread has ended but those whose task is
     * stranded. Call it once no task still running may yet be stranded (the executor's runs and
     * jobs have ended). Uninterruptible: the caller's interrupt is kept for it to see afterwards.
     */
    @Override
    public void close() {
        pool.shutdown(); // idle threads end at once; a busy one ends after its task
        for (Thread thread : List.copyOf(live)) {
            while (thread.isAlive() && !stranded(thread)) {
                Uninterruptible.run(() -> thread.join(RECHECK));
            }
        }
    }

    /** The pipe threads alive now: for tests. */
    Set<Thread> threads() {
        return Set.copyOf(live);
    }

    private boolean stranded(Thread thread) {
        PipeTask task = serving.get(thread);
        return task != null && task.stranded;
    }

    /** One pipe task: when it has ended, and a way to tell close not to wait for it. Thread-safe. */
    static final class PipeTask {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean stranded;

        /** Completes when the task has ended and its thread is free again. */
        CompletableFuture<Void> done() {
            return done;
        }

        /**
         * The task is blocked on a pipe that a process the executor cannot end holds open: close
         * leaves its thread to end when that process does.
         */
        void strand() {
            stranded = true;
        }
    }
}
