package dev.pureflow.console;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.InvalidCommandException;
import dev.pureflow.interpreters.process.NoSuchJobException;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessResult;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The jobs the console started, on its own {@link ProcessExecutor}: only commands of the allowlist,
 * each in its own working directory. Keeps every running job and the last
 * {@link ProcessExecutor#ENDED_JOBS_KEPT} ended ones, as the executor does. Thread-safe.
 */
final class Jobs {

    private final List<AllowedCommand> allowlist;
    private final Path directory;
    private final int eventsKept;
    private final ProcessExecutor processes;
    private final Runner runner;
    private final AtomicLong numbers = new AtomicLong();
    private final Map<String, ConsoleJob> jobs = new ConcurrentHashMap<>();

    Jobs(List<AllowedCommand> allowlist, Path directory, int eventsKept, ProcessExecutor processes) {
        this.allowlist = allowlist;
        this.directory = directory;
        this.eventsKept = eventsKept;
        this.processes = processes;
        this.runner = Runner.of(processes);
    }

    /** The allowlist's names, in the order configured. */
    List<String> allowed() {
        return allowlist.map(AllowedCommand::name);
    }

    /** The command an allowlist entry starts for {@code line}, or why the console refuses it (403). */
    Command commandFor(String line) {
        return commandFor(allowlist, directory, line);
    }

    /** The command {@code allowlist} starts for {@code line}, in {@code directory} unless its entry names one. */
    static Command commandFor(List<AllowedCommand> allowlist, Path directory, String line) {
        java.util.List<String> words = CommandLine.split(line).getOrElseThrow(problem -> new HttpError(400, problem));
        AllowedCommand entry = allowlist.find(allowed -> allowed.name().equals(words.getFirst()))
                .getOrElseThrow(() -> new HttpError(403, "`" + words.getFirst() + "` is not on the console's allowlist;"
                        + " it starts only: " + (allowlist.isEmpty() ? "(nothing)" : allowlist.map(AllowedCommand::name).mkString(", "))));
        Either<String, Command> command = entry.commandFor(words, directory);
        return command.getOrElseThrow(problem -> new HttpError(403, problem));
    }

    /** Starts the allowlisted command {@code line} names, as a job of the console's executor. */
    ConsoleJob start(String line) {
        Command command = commandFor(line);
        ConsoleJob job = new ConsoleJob(numbers.incrementAndGet(), line.strip(), command, Instant.now(), eventsKept);
        jobs.put(job.id(), job); // before the start: the listener may hear lines before start returns
        try {
            runner.run(Program.perform(ProcessAction.start(job.id(), command, job)));
        } catch (ActionFailedException e) {
            jobs.remove(job.id());
            if (e.getCause() instanceof InvalidCommandException invalid) {
                throw new HttpError(400, invalid.getMessage());
            }
            throw e;
        }
        forgetOldEndedJobs();
        return job;
    }

    private void forgetOldEndedJobs() {
        java.util.List<ConsoleJob> ended = jobs.values().stream().filter(job -> !job.running())
                .sorted(java.util.Comparator.comparingLong(ConsoleJob::number)).collect(Collectors.toList());
        for (int i = 0; i < ended.size() - ProcessExecutor.ENDED_JOBS_KEPT; i++) {
            jobs.remove(ended.get(i).id());
        }
    }

    ConsoleJob get(String id) {
        ConsoleJob job = jobs.get(id);
        if (job == null) {
            throw new HttpError(404, "no job '" + id + "'");
        }
        return job;
    }

    /** Every job kept, oldest first. */
    java.util.List<ConsoleJob> list() {
        return jobs.values().stream().sorted(java.util.Comparator.comparingLong(ConsoleJob::number)).toList();
    }

    /** Kills the job's whole process tree (its kill signal, then KILL after its grace) and waits for its end. */
    ConsoleJob cancel(String id) {
        ConsoleJob job = get(id);
        if (job.running()) {
            job.cancelRequested();
            try {
                ProcessResult result = runner.run(Program.perform(ProcessAction.kill(id)));
                job.finish(result);
            } catch (ActionFailedException e) {
                if (!(e.getCause() instanceof NoSuchJobException)) {
                    throw e;
                }
                // the executor forgot it: it ended long ago, and its listener has said how
            }
        }
        return job;
    }

    /** The console is closing: every stream ends; the jobs end as the executor closes. */
    void closeLogs() {
        jobs.values().forEach(job -> job.log().close());
    }
}
