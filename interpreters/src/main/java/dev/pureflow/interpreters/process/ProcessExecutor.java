package dev.pureflow.interpreters.process;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import dev.pureflow.UnhandledActionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Runs {@link ProcessAction}s as real OS processes.
 *
 * <pre>{@code
 * try (ProcessExecutor processes = ProcessExecutor.create()) {
 *     ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("tar", "czf", "b.tgz", "data"))));
 *     System.out.println("exit code " + result.exitCode());
 * }
 * }</pre>
 *
 * <p>What it guarantees: every command is validated before anything starts
 * ({@link InvalidCommandException}); stdout and stderr are drained concurrently, byte-exact up to
 * the command's output limit, so nothing deadlocks and the last bytes are never lost; a timeout, a
 * kill, a cancelled run (for its {@code run} in flight and its {@linkplain ProcessAction#scoped scoped}
 * jobs) or an interrupted action ends the command's whole process tree (the command's kill signal,
 * TERM unless changed, then KILL after the command's grace), including descendants that were orphaned or escaped with
 * {@code setsid}, found through an inherited marker variable ({@value ProcessTree#MARKER}). When
 * a command exits, what it left behind is ended the same way every time: the call (or the job)
 * waits until its output is closed and no process of its tree runs, for at most half a second,
 * then kills what is left (TERM, then KILL), background processes that hold the output open and
 * ones that redirected it alike, and returns. What they write until then is kept, unless the
 * command exited before the executor's readers began to read (the JDK then closes its pipes
 * itself). A process meant to outlive its command must leave the tree: drop the marker from its
 * environment and start a session of its own ({@code env -u PUREFLOW_PROCESS_TREE setsid ...});
 * if it holds the output open all the same, the output read so far is the result, so the call
 * always returns. On Linux, looking for leftovers after each exit reads only the processes created
 * since the spawn: a few procfs reads. Closing the executor kills every job and command still
 * running.
 *
 * <p>Who owns a job: a job started with {@link ProcessAction.Start} belongs to this executor, not
 * to the run that started it, so a later run can read, await or kill it by id, and cancelling the
 * run that started it leaves it running; {@link ProcessAction#scoped} ties a job to the run
 * instead. When the JVM exits in order ({@code System.exit}, the end of {@code main}, SIGTERM,
 * SIGINT, SIGHUP), a shutdown hook of this executor kills every job and command it still runs, as
 * a kill does (the command's kill signal, then KILL after its grace, all at once), except those
 * {@linkplain Command#keepAliveOnExit() kept alive}; the hook is removed when the executor closes
 * (until then it keeps the executor reachable: close every executor you create).
 * A JVM killed with SIGKILL ({@code kill -9}) runs no hook and leaves them all running.
 *
 * <p>Platform: tested on Linux. Finding orphaned descendants needs procfs; elsewhere only live
 * descendants of the command are found. Thread-safe.
 */
public final class ProcessExecutor implements Executor, AutoCloseable {

    /** How many ended jobs stay readable: the oldest is forgotten first. */
    public static final int ENDED_JOBS_KEPT = 100;

    /** How long an idle pipe thread waits for the next command's pipe before it ends. */
    static final Duration PIPE_THREAD_IDLE = Duration.ofSeconds(1);

    /** How long the exit hook waits beyond the longest kill grace for the processes it KILLed. */
    private static final Duration EXIT_KILL_SLACK = Duration.ofSeconds(15);

    private final Clock clock;
    private final Path directory;
    private final ProcessTree tree = ProcessTree.forThisPlatform();
    private final Map<String, String> parentEnvironment = System.getenv();
    private final JobTable jobs = new JobTable(ENDED_JOBS_KEPT);
    private final Set<RunningProcess> runs = ConcurrentHashMap.newKeySet();
    private final Set<Thread> supervisors = ConcurrentHashMap.newKeySet();
    /** Reads and writes the processes' pipes; its threads are reused by the commands that follow. */
    private final PipeThreads pipeThreads = new PipeThreads(PIPE_THREAD_IDLE);
    private final String executorId = UUID.randomUUID().toString();
    private final AtomicLong spawned = new AtomicLong();
    /** Held to spawn and register a process (shared) or to close (exclusive), so that close misses none. */
    private final ReentrantReadWriteLock spawning = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Set by the exit hook: from then on nothing new starts, so the hook misses nothing. */
    private volatile boolean exiting;
    private final ExitHook exitHook;

    private ProcessExecutor(Clock clock, Path directory) {
        this.clock = clock;
        this.directory = directory;
        this.exitHook = ExitHook.install("pureflow-process-exit-" + executorId, this::killOnExit); // last: it may run at once
    }

    /** An executor on the system clock, in the JVM's working directory. */
    public static ProcessExecutor create() {
        return create(Clock.system(), Path.of("").toAbsolutePath());
    }

    /** An executor measuring time on {@code clock}, running commands without a directory in {@code directory}. */
    public static ProcessExecutor create(Clock clock, Path directory) {
        return new ProcessExecutor(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(directory, "directory").toAbsolutePath());
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        if (!(action instanceof ProcessAction<?> processAction)) {
            throw new UnhandledActionException(action, "the process executor handles only " + ProcessAction.class.getName());
        }
        if (closed) {
            throw new IllegalStateException("the process executor is closed; cannot perform " + Redaction.DEFAULT.render(action));
        }
        return switch (processAction) {
            case ProcessAction.Run run -> run(run.command(), run.listener());
            case ProcessAction.Start start -> start(start);
            case ProcessAction.ReadOutput read -> jobs.read(read.id());
            case ProcessAction.Await await -> jobs.await(await.id(), clock);
            case ProcessAction.Kill kill -> jobs.kill(kill.id(), kill.grace(), clock);
            case ProcessAction.ListJobs list -> jobs.list();
        };
    }

    /** How many jobs started with {@link ProcessAction.Start} are running now: what a metrics gauge shows. */
    public int runningJobs() {
        return jobs.runningProcesses().size();
    }

    /** Kills every job and command still running, and waits until they and their threads have ended. */
    @Override
    public void close() {
        spawning.writeLock().lock();
        try {
            closed = true;
        } finally {
            spawning.writeLock().unlock();
        }
        List<JobProcess> running = Stream.<JobProcess>concat(runs.stream(), jobs.runningProcesses().stream()).toList();
        runs.forEach(run -> run.kill(Duration.ZERO));
        jobs.killAll();
        // a job's supervisor may start only now that its process has died (see supervise): its end
        // shows that it started, and the join that it has finished. Once every run and job has
        // ended, no pipe task can be stranded any more, so the pipe threads' close knows which to wait for
        running.forEach(process -> Uninterruptible.run(() -> clock.await(process.ended())));
        supervisors.forEach(Uninterruptible::join);
        pipeThreads.close(); // every pipe thread has ended, but one stranded on a pipe held open from outside
        exitHook.remove();
    }

    /**
     * The JVM is exiting: kills what it should, all at once, each as a kill would, and waits for
     * them, but never longer than the longest grace plus {@link #EXIT_KILL_SLACK}: whatever the
     * executor's clock does, the JVM's exit must not hang on it.
     */
    private void killOnExit() {
        spawning.writeLock().lock();
        try {
            exiting = true;
        } finally {
            spawning.writeLock().unlock();
        }
        List<JobProcess> doomed = Stream.<JobProcess>concat(runs.stream(), jobs.runningProcesses().stream())
                .filter(process -> process.command().destroyOnExit())
                .toList();
        Duration limit = doomed.stream().map(process -> process.command().killGrace()).max(Duration::compareTo)
                .orElse(Duration.ZERO).plus(EXIT_KILL_SLACK);
        List<Thread> killers = doomed.stream()
                .map(process -> Thread.ofVirtual().name("pureflow-exit-kill").start(() -> process.kill(process.command().killGrace())))
                .toList();
        // the JVM's own time, not the executor's clock: a virtual clock might never reach the bound
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread killer : killers) {
            Uninterruptible.run(() -> killer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
    }

    /** The pipe threads alive now, idle or serving a process: for tests. */
    Set<Thread> pipeThreads() {
        return pipeThreads.threads();
    }

    /** The exit hook's thread, registered from creation until close: for tests. */
    java.util.Optional<Thread> exitHookThread() {
        return exitHook.thread();
    }

    private ProcessResult run(Command command, ProcessListener listener) throws Exception {
        RunningProcess running;
        spawning.readLock().lock();
        try {
            requireOpen(command);
            running = spawn(command, listener, null);
            runs.add(running);
        } finally {
            spawning.readLock().unlock();
        }
        ProcessResult result;
        try {
            result = running.awaitEnd();
        } finally {
            runs.remove(running);
        }
        return ProcessException.requireSuccess(command, result);
    }

    private Job start(ProcessAction.Start start) throws Exception {
        spawning.readLock().lock();
        try {
            requireOpen(start.command());
            return jobs.start(start.id(), clock.instant(), lines -> {
                RunningProcess running = spawn(start.command(), start.listener(), lines);
                supervise(running);
                return new JobTable.Spawned(running, running.pid());
            });
        } finally {
            spawning.readLock().unlock();
        }
    }

    /** Checked again under the spawning lock: close may have begun since {@link #execute} checked. */
    private void requireOpen(Command command) {
        if (closed) {
            throw new IllegalStateException("the process executor is closed; cannot start `" + command.commandLine() + "`");
        }
        if (exiting) {
            throw new IllegalStateException("the JVM is exiting; cannot start `" + command.commandLine() + "`");
        }
    }

    /**
     * Gives a job a supervisor, a virtual thread that waits for its end so that its result is made
     * (and its leftovers ended) even if nobody awaits it. A job without a timeout gets it only once
     * its root has exited: while the job runs, its pipe readers are its only threads, so a thousand
     * live jobs cost two thousand threads, not three. A job with a timeout gets it at once: its
     * timed wait is what enforces the timeout.
     */
    private void supervise(RunningProcess running) {
        Thread supervisor = Thread.ofVirtual().name("pureflow-job-" + running.pid()).unstarted(() -> {
            try {
                Uninterruptible.run(running::awaitEnd);
            } finally {
                supervisors.remove(Thread.currentThread());
            }
        });
        supervisors.add(supervisor); // before it starts: close joins every supervisor it finds here
        if (running.command().timeout().isPresent()) {
            supervisor.start();
        } else {
            running.whenExited(supervisor::start);
        }
    }

    private RunningProcess spawn(Command command, ProcessListener listener, java.util.function.Consumer<OutputLine> lines) throws Exception {
        CommandValidator.Validated validated = CommandValidator.validate(command, parentEnvironment, directory);
        String marker = executorId + "-" + spawned.incrementAndGet();
        return RunningProcess.spawn(command, validated, marker, tree, clock, listener, lines, pipeThreads);
    }

}
