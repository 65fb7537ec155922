package dev.pureflow.interpreters.process;

import dev.pureflow.Clock;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One spawned command, from start to a {@link ProcessResult}: its stdin writer and two output
 * readers (tasks on the executor's pipe threads, see {@link #startHelper}), its deadline, and the
 * kill of its whole process tree. Every pipe task it starts has ended, and every process of its
 * tree has been killed or has exited, when {@link #awaitEnd()} returns or throws; except the pipe
 * tasks of a command whose pipes a process outside its tree holds open, which end with that
 * process (see {@link #finish()}).
 */
final class RunningProcess implements JobProcess {

    private static final Logger LOG = LoggerFactory.getLogger(RunningProcess.class);

    /**
     * How long, after the root exited, its output may stay open and the rest of its tree may keep
     * running before they are killed.
     */
    static final Duration DRAIN_GRACE = Duration.ofMillis(500);

    /** How often a kill checks whether the processes it signalled have gone. */
    private static final Duration POLL = Duration.ofMillis(5);

    /** How long to wait for KILLed processes and their pipes, which the kernel ends promptly. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private final Command command;
    private final Process process;
    private final String marker;
    private final ProcessTree tree;
    private final Clock clock;
    private final ProcessListener listener;
    private final long startNanos;
    private final ReentrantLock listenerLock = new ReentrantLock();
    private final ReentrantLock endLock = new ReentrantLock();
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final PipeThreads pipeThreads;
    /** The pipe tasks started for this process: stranded if its output is abandoned. */
    private final List<PipeThreads.PipeTask> pipeTasks = new ArrayList<>();
    private final CompletableFuture<Void> pipesDone;
    private final CompletableFuture<ProcessResult> ended = new CompletableFuture<>();
    /** The last signal sent to the root while it ran (the command's kill signal, or KILL), if any. */
    private volatile Signal signal;
    private volatile boolean timedOut;

    private RunningProcess(Command command, Process process, String marker, ProcessTree tree, Clock clock,
                           ProcessListener listener, Consumer<OutputLine> lines, long startNanos,
                           PipeThreads pipeThreads) {
        this.command = command;
        this.pipeThreads = pipeThreads;
        this.process = process;
        this.marker = marker;
        this.tree = tree;
        this.clock = clock;
        this.listener = listener;
        this.startNanos = startNanos;
        int maxLine = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1, command.outputLimitBytes()));
        boolean wantLines = listener != ProcessListener.NONE || lines != null;
        // merged, stderr shares stdout's pipe (and the JDK's error stream is empty): the one stream is the output
        OutputLine.Stream first = command.outputMode() == OutputMode.MERGED ? OutputLine.Stream.OUTPUT : OutputLine.Stream.STDOUT;
        this.stdout = new OutputCapture(process.getInputStream(), command.outputLimitBytes(), command.charset(), maxLine,
                wantLines ? text -> deliver(new OutputLine(first, text), lines) : null);
        this.stderr = new OutputCapture(process.getErrorStream(), command.outputLimitBytes(), command.charset(), maxLine,
                wantLines ? text -> deliver(new OutputLine(OutputLine.Stream.STDERR, text), lines) : null);
        notifyListener(() -> listener.started(process.pid())); // before the readers exist, so before any line
        CompletableFuture<Void> readers = CompletableFuture.allOf(startHelper("stdout", stdout::drain), startHelper("stderr", stderr::drain));
        if (command.stdin() instanceof Stdin.None) {
            closeQuietly(process.getOutputStream()); // nothing to write: no thread for it
            this.pipesDone = readers;
        } else {
            this.pipesDone = CompletableFuture.allOf(readers, startHelper("stdin", this::writeStdin));
        }
    }

    /**
     * Spawns a validated command; its tree is marked with {@code marker}, and looked for among the
     * processes created from the spawn on ({@link ProcessTree#forNextSpawn()}); its pipes are read
     * and written on {@code pipeThreads}.
     */
    static RunningProcess spawn(Command command, CommandValidator.Validated validated, String marker, ProcessTree tree,
                                Clock clock, ProcessListener listener, Consumer<OutputLine> lines,
                                PipeThreads pipeThreads) throws IOException {
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, validated.executable().toString());
        ProcessBuilder builder = new ProcessBuilder(argv);
        validated.directory().ifPresent(directory -> builder.directory(directory.toFile()));
        builder.environment().clear();
        builder.environment().putAll(validated.environment());
        builder.environment().put(ProcessTree.MARKER, marker);
        builder.redirectErrorStream(command.outputMode() == OutputMode.MERGED);
        ProcessTree ownTree = tree.forNextSpawn();
        long start = clock.nanoTime();
        Process process = builder.start();
        return new RunningProcess(command, process, marker, ownTree, clock, listener, lines, start, pipeThreads);
    }

    @Override
    public Command command() {
        return command;
    }

    long pid() {
        return process.pid();
    }

    /** The result, once the process has ended and its output is closed. */
    @Override
    public CompletableFuture<ProcessResult> ended() {
        return ended;
    }

    /**
     * Runs {@code action} once the root has exited, on a thread of the JDK's (it must not block):
     * watching for the exit this way takes no thread of pureflow's.
     */
    void whenExited(Runnable action) {
        process.onExit().whenComplete((exited, never) -> action.run());
    }

    /**
     * Waits for the process to end, enforcing the command's timeout, and returns its result. If the
     * waiting thread is interrupted, the process tree is killed before the interruption is rethrown.
     */
    ProcessResult awaitEnd() throws InterruptedException {
        try {
            boolean exited = awaitExit(command.timeout());
            if (!exited) {
                timedOut = true;
                kill(command.killGrace());
            }
            return finish();
        } catch (InterruptedException interrupted) {
            kill(command.killGrace());
            finish();
            throw interrupted;
        }
    }

    /**
     * Kills the whole tree: the command's kill signal, then KILL to whatever is left after
     * {@code grace}. Idempotent.
     */
    @Override
    public void kill(Duration grace) {
        Uninterruptible.run(() -> {
            Set<ProcessHandle> members = members();
            if (members.isEmpty()) {
                return;
            }
            // noted before sending: once the root dies, another thread may make the result at once
            if (tree.running(process.toHandle()) && signal == null) {
                signal = command.killSignal();
            }
            Signals.send(command.killSignal(), parentsFirst(members));
            awaitGone(members, grace);
            Set<ProcessHandle> survivors = members();
            if (!survivors.isEmpty()) {
                if (tree.running(process.toHandle())) {
                    signal = Signal.KILL;
                }
                parentsFirst(survivors).forEach(ProcessHandle::destroyForcibly);
                awaitGone(survivors, AFTER_KILL);
            }
        });
    }

    /**
     * Waits until the root has exited, or {@code limit} passed; whether it exited. On the system
     * clock it waits on the process itself, woken by the JDK's reaper as it records the exit:
     * {@link Process#onExit()} would hand that over through the common pool first, a hop that cost
     * a fifth of a short command's run (bench/ANALYSIS.md). Another clock must see the wait to keep
     * its time, so it waits through the clock.
     */
    private boolean awaitExit(Optional<Duration> limit) throws InterruptedException {
        if (clock == Clock.system()) {
            if (limit.isEmpty()) {
                process.waitFor();
                return true;
            }
            return process.waitFor(saturatedNanos(limit.get()), TimeUnit.NANOSECONDS);
        }
        return limit.isEmpty() ? awaitThroughClock() : clock.await(process.onExit(), limit.get());
    }

    private boolean awaitThroughClock() throws InterruptedException {
        clock.await(process.onExit());
        return true;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The process has exited: collect its output, end what is left of its tree (see {@link #settled})
     * and build the result. A pipe holder the tree cannot find (it dropped the marker and left the
     * tree) is not waited for: its pipe reads and writes block until it ends, so they are abandoned
     * and the output read so far is the result.
     */
    private ProcessResult finish() {
        endLock.lock();
        try {
            if (ended.isDone()) {
                return ended.join();
            }
            boolean[] abandoned = {false};
            Uninterruptible.run(() -> {
                awaitExit(Optional.empty());
                if (!settled()) {
                    LOG.debug("`{}` exited, but its output is still open or processes of its tree still run; killing them",
                            command.commandLine());
                    boolean found = !members().isEmpty();
                    kill(Duration.ZERO);
                    if (!pipesDone.isDone() && (!found || !clock.await(pipesDone, AFTER_KILL))) {
                        LOG.warn("a process outside the tree of `{}` holds its pipes open; its output is what was read until now",
                                command.commandLine());
                        abandoned[0] = true;
                    }
                }
            });
            if (abandoned[0]) {
                stdout.abandon(); // the readers stay blocked until the holder ends; their threads are daemons
                stderr.abandon();
                pipeTasks.forEach(PipeThreads.PipeTask::strand); // the executor's close cannot wait for the holder
            } // else every pipe task has ended: settled, or the kill's wait, saw pipesDone
            ProcessResult result = result();
            notifyListener(() -> listener.exited(result));
            ended.complete(result);
            return result;
        } finally {
            endLock.unlock();
        }
    }

    /** The result, once the output has ended: the one pipe's bytes are the output when merged. */
    private ProcessResult result() {
        byte[] none = new byte[0];
        boolean merged = command.outputMode() == OutputMode.MERGED;
        return new ProcessResult(command.argv(), process.pid(), process.exitValue(), endedBy(process.exitValue()), timedOut,
                merged ? none : stdout.bytes(), stderr.bytes(), !merged && stdout.truncated(), stderr.truncated(),
                command.charset(), Duration.ofNanos(clock.nanoTime() - startNanos),
                command.outputMode(), merged ? stdout.bytes() : none, merged && stdout.truncated());
    }

    /**
     * Waits, up to {@link #DRAIN_GRACE} after the root's exit, until its output is closed and no
     * process of its tree is left; whether that happened. Both are checked after every exit: the
     * end of output alone does not show that nothing is left, since a background process may have
     * redirected its output, and the JDK closes an exited child's pipes itself when its reaper gets
     * to them before the reader's first read (see {@link OutputCapture#drain}). So a command's
     * leftovers are ended the same way however the race between them went.
     */
    private boolean settled() throws InterruptedException {
        long deadline = clock.nanoTime() + DRAIN_GRACE.toNanos();
        if (!clock.await(pipesDone, DRAIN_GRACE)) {
            return false;
        }
        Set<ProcessHandle> left = members();
        while (!left.isEmpty()) {
            awaitGone(left, Duration.ofNanos(Math.max(0, deadline - clock.nanoTime())));
            if (clock.nanoTime() - deadline >= 0) {
                return members().isEmpty();
            }
            left = members(); // those gone may have started others
        }
        return true;
    }

    /**
     * The signal pureflow sent the root that ended it: none if the root exited by itself, even if
     * a signal was on its way (it exited first) or it caught the signal and exited on its own terms.
     */
    private Optional<String> endedBy(int exitCode) {
        return Optional.ofNullable(signal).filter(sent -> exitCode == sent.exitCode()).map(Signal::name);
    }

    /**
     * {@code members}, each after its parents among them. Signalled in this order, a shell gets its
     * TERM before its child does: signalled after, it could see the child die first and react (report
     * {@code Terminated}, run its next command) before its own signal ended it.
     */
    private static List<ProcessHandle> parentsFirst(Set<ProcessHandle> members) {
        Map<ProcessHandle, Integer> depths = new HashMap<>();
        members.forEach(member -> depths.put(member, depthAmong(member, members)));
        return members.stream().sorted(Comparator.comparing(depths::get)).toList();
    }

    /** How many of {@code member}'s ancestors are in {@code members}. */
    private static int depthAmong(ProcessHandle member, Set<ProcessHandle> members) {
        int depth = 0;
        Optional<ProcessHandle> parent = member.parent();
        while (parent.isPresent() && members.contains(parent.get()) && depth < members.size()) {
            depth++;
            parent = parent.get().parent();
        }
        return depth;
    }

    /** Starts a pipe reader or writer on a pipe thread, named after the process while it serves it. */
    private CompletableFuture<Void> startHelper(String what, Runnable task) {
        PipeThreads.PipeTask started = pipeThreads.start("pureflow-process-" + process.pid() + "-" + what, task);
        pipeTasks.add(started);
        return started.done();
    }

    private void writeStdin() {
        try (OutputStream in = process.getOutputStream()) {
            switch (command.stdin()) {
                case Stdin.None none -> { }
                case Stdin.Bytes bytes -> streamTo(new ByteArrayInputStream(bytes.bytes()), in);
                case Stdin.Text text -> streamTo(new ByteArrayInputStream(text.text().getBytes(command.charset())), in);
                case Stdin.FromFile file -> {
                    try (InputStream source = Files.newInputStream(file.file())) {
                        streamTo(source, in);
                    }
                }
            }
        } catch (IOException closedByChild) {
            // the child exited or closed stdin without reading it all: that is its choice, not an error
        }
    }

    /**
     * Copies {@code source} to the child as it arrives: the JDK's stdin stream is buffered, so without
     * a flush per read a file that is written slowly (a pipe, a device) would reach the child only
     * in 8 KiB blocks, or at its end.
     */
    private static void streamTo(InputStream source, OutputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = source.read(buffer)) >= 0) {
            in.write(buffer, 0, read);
            in.flush();
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException alreadyGone) {
            // the child exited already: its stdin is closed either way
        }
    }

    private void deliver(OutputLine line, Consumer<OutputLine> lines) {
        if (lines != null) {
            lines.accept(line);
        }
        notifyListener(() -> listener.line(line));
    }

    private void notifyListener(Runnable call) {
        listenerLock.lock();
        try {
            call.run();
        } catch (RuntimeException failure) {
            LOG.warn("process listener failed for `{}`; the output is kept regardless", command.commandLine(), failure);
        } finally {
            listenerLock.unlock();
        }
    }

    /**
     * The live processes of the tree. Once the JDK reports the root's exit it has reaped it, and
     * the root's id is not looked at: on Linux that saves procfs reads on every command's way out.
     */
    private Set<ProcessHandle> members() {
        return process.isAlive() ? tree.members(process.toHandle(), marker) : tree.membersAfterReap(process.toHandle(), marker);
    }

    /**
     * Waits until none of {@code processes} is alive, or {@code limit} passed. Polls: the JDK learns
     * of the end of a process that is not its child only by polling, and slower than a kill needs.
     */
    private void awaitGone(Set<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = clock.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(tree::running) && clock.nanoTime() < deadline) {
            clock.sleep(POLL);
        }
    }
}
