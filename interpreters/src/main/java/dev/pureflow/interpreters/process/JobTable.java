package dev.pureflow.interpreters.process;

import dev.pureflow.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The jobs of one process executor: running ones, and the most recently ended ones up to a bound
 * (the oldest ended job is forgotten first). Each job keeps the lines not yet read, up to a bound.
 * Serves the job actions for the real and the fake process executor alike. Thread-safe.
 */
final class JobTable {

    /** Unread lines kept per job; older unread lines are dropped first. */
    static final int UNREAD_LINES_KEPT = 100_000;

    /** The lines a job wrote that nobody has read yet, up to {@link #UNREAD_LINES_KEPT}. */
    static final class UnreadLines {
        private final ArrayDeque<OutputLine> lines = new ArrayDeque<>();

        synchronized void add(OutputLine line) {
            if (lines.size() == UNREAD_LINES_KEPT) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized List<OutputLine> take() {
            List<OutputLine> taken = List.copyOf(lines);
            lines.clear();
            return taken;
        }
    }

    /** One job and what the table knows of it. */
    record Entry(Job job, JobProcess process, UnreadLines unread) {
        JobStatus status(List<OutputLine> newLines) {
            return new JobStatus(job, newLines, Optional.ofNullable(process.ended().getNow(null)));
        }
    }

    private final int endedKept;
    private final java.util.concurrent.atomic.AtomicLong generatedIds = new java.util.concurrent.atomic.AtomicLong();
    private final LinkedHashMap<String, Entry> running = new LinkedHashMap<>();
    private final LinkedHashMap<String, Entry> ended = new LinkedHashMap<>();

    JobTable(int endedKept) {
        this.endedKept = endedKept;
    }

    /**
     * Starts a job named {@code givenId}, or {@code job-N} (N counting this table's jobs from 1):
     * the process is made by {@code spawn}, which gets the job's line sink.
     */
    Job start(Optional<String> givenId, Instant startedAt, Spawn spawn) throws Exception {
        String id = givenId.orElseGet(() -> "job-" + generatedIds.incrementAndGet());
        claim(id);
        UnreadLines unread = new UnreadLines();
        JobProcess process;
        long pid;
        try {
            Spawned spawned = spawn.start(unread::add);
            process = spawned.process();
            pid = spawned.pid();
        } catch (Exception | Error failed) {
            release(id);
            throw failed;
        }
        Job job = new Job(id, pid, process.command().argv(), startedAt);
        started(new Entry(job, process, unread));
        process.ended().whenComplete((result, error) -> ended(id));
        return job;
    }

    /** The lines job {@code id} wrote since the previous read, and its state. */
    JobStatus read(String id) {
        Entry entry = get(id);
        return entry.status(entry.unread().take());
    }

    /** Waits for job {@code id} to end. */
    ProcessResult await(String id, Clock clock) throws InterruptedException {
        CompletableFuture<ProcessResult> ended = get(id).process().ended();
        clock.await(ended);
        // the end callback that moves the job may run after this waiter wakes: move it here too, so
        // that once Await has returned the job is listed and evicted as an ended one
        ended(id);
        return ended.join();
    }

    /** Kills job {@code id} (with {@code grace}, or its command's) and waits for its end. */
    ProcessResult kill(String id, Optional<Duration> grace, Clock clock) throws InterruptedException {
        JobProcess process = get(id).process();
        process.kill(grace.orElse(process.command().killGrace()));
        return await(id, clock);
    }

    /** Every job, running and kept. */
    List<JobStatus> list() {
        return all().stream().map(entry -> entry.status(List.of())).toList();
    }

    /** The processes of the jobs still running. */
    List<JobProcess> runningProcesses() {
        return runningEntries().stream().map(Entry::process).toList();
    }

    /** Kills every running job without grace. */
    void killAll() {
        runningEntries().forEach(entry -> entry.process().kill(Duration.ZERO));
    }

    /** Makes a job's process, handing its lines to the given sink. */
    @FunctionalInterface
    interface Spawn {
        Spawned start(java.util.function.Consumer<OutputLine> lines) throws Exception;
    }

    /** A started process and its pid. */
    record Spawned(JobProcess process, long pid) {}

    private synchronized void claim(String id) {
        if (running.containsKey(id) || ended.containsKey(id)) {
            throw new IllegalArgumentException("a job with id '" + id + "' already exists; job ids must be unique");
        }
        running.put(id, null);
    }

    private synchronized void release(String id) {
        running.remove(id);
    }

    private synchronized void started(Entry entry) {
        running.put(entry.job().id(), entry);
    }

    private synchronized void ended(String id) {
        Entry entry = running.remove(id);
        if (entry != null) {
            ended.put(id, entry);
            while (ended.size() > endedKept) {
                ended.remove(ended.firstEntry().getKey());
            }
        }
    }

    private synchronized Entry get(String id) {
        Entry entry = running.get(id);
        if (entry == null) {
            entry = ended.get(id);
        }
        if (entry == null) {
            throw new NoSuchJobException(id, known());
        }
        return entry;
    }

    private synchronized List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        running.values().stream().filter(entry -> entry != null).forEach(entries::add);
        entries.addAll(ended.values());
        return entries;
    }

    private synchronized List<Entry> runningEntries() {
        return running.values().stream().filter(entry -> entry != null).toList();
    }

    private List<String> known() {
        List<String> ids = new ArrayList<>(running.keySet());
        ids.addAll(ended.keySet());
        return ids;
    }
}
