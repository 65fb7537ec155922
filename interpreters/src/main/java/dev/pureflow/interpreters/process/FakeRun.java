package dev.pureflow.interpreters.process;

import dev.pureflow.Clock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One scripted command playing its {@link FakeProcess} in (virtual) time: prints its lines after
 * their pauses, honours its command's timeout, and ends on a kill as a real process would
 * (exit 128 + n for the command's kill signal n, or 137 for KILL when it ignores that signal).
 */
final class FakeRun implements JobProcess {

    private final Command command;
    private final FakeProcess script;
    private final long pid;
    private final Clock clock;
    private final ProcessListener listener;
    private final Consumer<OutputLine> lines;
    private final CompletableFuture<ProcessResult> ended = new CompletableFuture<>();
    private volatile Thread player;
    private volatile Signal killedWith;

    FakeRun(Command command, FakeProcess script, long pid, Clock clock, ProcessListener listener, Consumer<OutputLine> lines) {
        this.command = command;
        this.script = script;
        this.pid = pid;
        this.clock = clock;
        this.listener = listener;
        this.lines = lines;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public CompletableFuture<ProcessResult> ended() {
        return ended;
    }

    /**
     * Plays the script on the calling thread and returns the result. If the thread is interrupted
     * without a kill (the run was cancelled), the process ends as if killed and the interruption is
     * rethrown.
     */
    ProcessResult play() throws InterruptedException {
        try {
            return playScript();
        } finally {
            // a listener that threw: the run has still ended, and a kill waiting for it must not wait forever
            ended.completeExceptionally(new IllegalStateException("the fake run of " + command.commandLine() + " ended without a result"));
        }
    }

    private ProcessResult playScript() throws InterruptedException {
        player = Thread.currentThread();
        long start = clock.nanoTime();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        // merged, every line goes to the one stream, in the order the script prints it, as one pipe would carry it
        boolean merged = command.outputMode() == OutputMode.MERGED;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        listener.started(pid);
        boolean timedOut = false;
        InterruptedException cancelled = null;
        try {
            for (FakeProcess.Step step : script.steps()) {
                if (killedWith != null) {
                    break; // killed between steps, or before this thread began to play: nothing more happens
                }
                switch (step) {
                    case FakeProcess.Step.Print print -> {
                        OutputLine line = merged ? new OutputLine(OutputLine.Stream.OUTPUT, print.line().text()) : print.line();
                        ByteArrayOutputStream sink = merged ? output : print.line().stream() == OutputLine.Stream.STDERR ? stderr : stdout;
                        sink.writeBytes((line.text() + "\n").getBytes(command.charset()));
                        if (lines != null) {
                            lines.accept(line);
                        }
                        listener.line(line);
                    }
                    case FakeProcess.Step.Pause pause -> {
                        Duration left = command.timeout().map(limit -> limit.minusNanos(clock.nanoTime() - start)).orElse(pause.duration());
                        if (left.compareTo(pause.duration()) < 0) {
                            clock.sleep(left);
                            timedOut = true;
                            dieOfTimeout();
                            break;
                        }
                        clock.sleep(pause.duration());
                    }
                }
                if (timedOut) {
                    break;
                }
            }
        } catch (InterruptedException interrupted) {
            if (killedWith == null) {
                killedWith = endOfCancelledRun();
                cancelled = interrupted;
            }
        }
        int exitCode = killedWith == null ? script.exitCode() : killedWith.exitCode();
        ProcessResult result = new ProcessResult(command.argv(), pid, exitCode, Optional.ofNullable(killedWith).map(Signal::name), timedOut,
                stdout.toByteArray(), stderr.toByteArray(), false, false, command.charset(),
                Duration.ofNanos(clock.nanoTime() - start), command.outputMode(), output.toByteArray(), false);
        listener.exited(result);
        ended.complete(result);
        if (cancelled != null) {
            throw cancelled;
        }
        return result;
    }

    @Override
    public void kill(Duration grace) {
        if (ended.isDone()) {
            return;
        }
        if (script.ignores(command.killSignal())) {
            Uninterruptible.run(() -> clock.sleep(grace));
            killedWith = Signal.KILL;
        } else {
            killedWith = command.killSignal();
        }
        Thread playing = player;
        if (playing != null) {
            playing.interrupt();
        }
        // as a real kill returns once the process is gone: the run ends at once, between steps if its
        // thread had not begun to play (CompletableFuture.join waits through interrupts, keeping them)
        ended.exceptionally(failed -> null).join();
    }

    private void dieOfTimeout() throws InterruptedException {
        if (script.ignores(command.killSignal())) {
            clock.sleep(command.killGrace());
            killedWith = Signal.KILL;
        } else {
            killedWith = command.killSignal();
        }
    }

    /**
     * Ends a process whose run was cancelled without a kill, as the real executor does on the
     * interrupted thread: its kill signal, or, if it ignores that, KILL after the grace.
     */
    private Signal endOfCancelledRun() {
        if (script.ignores(command.killSignal())) {
            Uninterruptible.run(() -> clock.sleep(command.killGrace()));
            return Signal.KILL;
        }
        return command.killSignal();
    }
}
