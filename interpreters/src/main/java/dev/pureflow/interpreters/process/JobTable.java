package dev.pureflow.interpreters.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The jobs of one process executor: running ones, and the most recently ended ones up to a bound
 * (the oldest ended job is forgotten first). Each job keeps the lines not yet read, up to a bound.
 * Thread-safe.
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
    record Entry(Job job, RunningProcess process, UnreadLines unread) {
        JobStatus status(List<OutputLine> newLines) {
            return new JobStatus(job, newLines, Optional.ofNullable(process.ended().getNow(null)));
        }
    }

    private final int endedKept;
    private final LinkedHashMap<String, Entry> running = new LinkedHashMap<>();
    private final LinkedHashMap<String, Entry> ended = new LinkedHashMap<>();

    JobTable(int endedKept) {
        this.endedKept = endedKept;
    }

    /** Claims {@code id} for a job about to start. */
    synchronized void claim(String id) {
        if (running.containsKey(id) || ended.containsKey(id)) {
            throw new IllegalArgumentException("a job with id '" + id + "' already exists; job ids must be unique");
        }
        running.put(id, null);
    }

    synchronized void release(String id) {
        running.remove(id);
    }

    synchronized void started(Entry entry) {
        running.put(entry.job().id(), entry);
    }

    synchronized void ended(String id) {
        Entry entry = running.remove(id);
        if (entry != null) {
            ended.put(id, entry);
            while (ended.size() > endedKept) {
                ended.remove(ended.firstEntry().getKey());
            }
        }
    }

    synchronized Entry get(String id) {
        Entry entry = running.get(id);
        if (entry == null) {
            entry = ended.get(id);
        }
        if (entry == null) {
            throw new NoSuchJobException(id, known());
        }
        return entry;
    }

    synchronized List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        running.values().stream().filter(entry -> entry != null).forEach(entries::add);
        entries.addAll(ended.values());
        return entries;
    }

    synchronized List<Entry> runningEntries() {
        return running.values().stream().filter(entry -> entry != null).toList();
    }

    private List<String> known() {
        List<String> ids = new ArrayList<>(running.keySet());
        ids.addAll(ended.keySet());
        return ids;
    }
}
