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
 * (exit 143 for TERM, 137 for KILL).
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
    private volatile String killedWith;

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
     * without a kill (the run was cancelled), the process ends as if TERMed and the interruption is
     * rethrown.
     */
    ProcessResult play() throws InterruptedException {
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
                killedWith = "TERM";
                cancelled = interrupted;
            }
        }
        int exitCode = killedWith == null ? script.exitCode() : 128 + ("KILL".equals(killedWith) ? 9 : 15);
        ProcessResult result = new ProcessResult(command.argv(), pid, exitCode, Optional.ofNullable(killedWith), timedOut,
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
        if (script.ignoresTerm()) {
            Uninterruptible.run(() -> clock.sleep(grace));
            killedWith = "KILL";
        } else {
            killedWith = "TERM";
        }
        Thread playing = player;
        if (playing != null) {
            playing.interrupt();
        }
    }

    private void dieOfTimeout() throws InterruptedException {
        if (script.ignoresTerm()) {
            clock.sleep(command.killGrace());
            killedWith = "KILL";
        } else {
            killedWith = "TERM";
        }
    }
}
