package dev.pureflow.interpreters.process;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
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
 * kill, a cancelled run or an interrupted action ends the command's whole process tree (TERM, then
 * KILL after the command's grace), including descendants that were orphaned or escaped with
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
 * <p>Platform: tested on Linux. Finding orphaned descendants needs procfs; elsewhere only live
 * descendants of the command are found. Thread-safe.
 */
public final class ProcessExecutor implements Executor, AutoCloseable {

    /** How many ended jobs stay readable: the oldest is forgotten first. */
    public static final int ENDED_JOBS_KEPT = 100;

    private final Clock clock;
    private final Path directory;
    private final ProcessTree tree = ProcessTree.forThisPlatform();
    private final Map<String, String> parentEnvironment = System.getenv();
    private final JobTable jobs = new JobTable(ENDED_JOBS_KEPT);
    private final Set<RunningProcess> runs = ConcurrentHashMap.newKeySet();
    private final Set<Thread> supervisors = ConcurrentHashMap.newKeySet();
    private final String executorId = UUID.randomUUID().toString();
    private final AtomicLong spawned = new AtomicLong();
    /** Held to spawn and register a process (shared) or to close (exclusive), so that close misses none. */
    private final ReentrantReadWriteLock spawning = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private ProcessExecutor(Clock clock, Path directory) {
        this.clock = clock;
        this.directory = directory;
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
            throw new IllegalStateException("the process executor is closed; cannot perform " + action);
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

    /** Kills every job and command still running, and waits until they and their threads have ended. */
    @Override
    public void close() {
        spawning.writeLock().lock();
        try {
            closed = true;
        } finally {
            spawning.writeLock().unlock();
        }
        runs.forEach(running -> running.kill(Duration.ZERO));
        jobs.killAll();
        supervisors.forEach(Uninterruptible::join);
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
                Thread supervisor = Thread.ofVirtual().name("pureflow-job-" + running.pid()).unstarted(() -> supervise(running));
                supervisors.add(supervisor);
                supervisor.start();
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
    }

    /** Waits for a job's end so its timeout is enforced and its result is made even if nobody awaits it. */
    private void supervise(RunningProcess running) {
        try {
            Uninterruptible.run(running::awaitEnd);
        } finally {
            supervisors.remove(Thread.currentThread());
        }
    }

    private RunningProcess spawn(Command command, ProcessListener listener, java.util.function.Consumer<OutputLine> lines) throws Exception {
        CommandValidator.Validated validated = CommandValidator.validate(command, parentEnvironment, directory);
        String marker = executorId + "-" + spawned.incrementAndGet();
        return RunningProcess.spawn(command, validated, marker, tree, clock, listener, lines);
    }

}
