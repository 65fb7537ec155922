package dev.pureflow.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.OutputLine;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.ProcessResult;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A command the console started as a job of its process executor, and everything it wrote. It is
 * the job's {@link ProcessListener}: each line becomes an event as soon as the executor's reader has
 * it, so a stream sees it without polling. Thread-safe.
 */
final class ConsoleJob implements ProcessListener {

    private final String id;
    private final long number;
    private final String typed;
    private final Command command;
    private final Instant startedAt;
    private final EventLog log;
    private volatile long pid = -1;
    private volatile boolean cancelRequested;
    private final AtomicReference<ProcessResult> result = new AtomicReference<>();

    ConsoleJob(long number, String typed, Command command, Instant startedAt, int eventsKept) {
        this.id = "job-" + number;
        this.number = number;
        this.typed = typed;
        this.command = command;
        this.startedAt = startedAt;
        this.log = new EventLog(eventsKept);
    }

    String id() {
        return id;
    }

    long number() {
        return number;
    }

    Command command() {
        return command;
    }

    EventLog log() {
        return log;
    }

    boolean running() {
        return result.get() == null;
    }

    @Override
    public void started(long pid) {
        this.pid = pid;
        ObjectNode data = Json.object().put("pid", pid);
        log.append("started", Json.write(data));
    }

    @Override
    public void line(OutputLine line) {
        ObjectNode data = Json.object().put("stream", streamName(line.stream())).put("text", line.text());
        log.append("line", Json.write(data));
    }

    @Override
    public void exited(ProcessResult result) {
        finish(result);
    }

    /** The console was asked to cancel this job: its end then reads "cancelled". */
    void cancelRequested() {
        cancelRequested = true;
    }

    /** Records how the job ended, once: the listener and a kill's answer may both report it. */
    void finish(ProcessResult ended) {
        if (result.compareAndSet(null, ended)) {
            log.end("ended", Json.write(endOf(ended)));
        }
    }

    private ObjectNode endOf(ProcessResult ended) {
        ObjectNode end = Json.object()
                .put("state", state(ended))
                .put("exitCode", ended.exitCode())
                .put("ended", how(ended))
                .put("cancelled", cancelRequested && ended.signal().isPresent())
                .put("millis", ended.duration().toMillis())
                .put("truncated", ended.truncated());
        ended.signal().ifPresent(signal -> end.put("signal", signal));
        return end;
    }

    private static String state(ProcessResult ended) {
        if (ended.timedOut()) {
            return "timed out";
        }
        return ended.signal().isPresent() ? "killed" : "exited";
    }

    /** How it ended, in words for the page: "exited with 0", "cancelled: killed by TERM (exit code 143)". */
    private String how(ProcessResult ended) {
        String signal = ended.signal().map(s -> "killed by " + s + " (exit code " + ended.exitCode() + ")").orElse("");
        if (ended.timedOut()) {
            return "timed out: " + signal;
        }
        if (ended.signal().isPresent()) {
            return cancelRequested ? "cancelled: " + signal : signal;
        }
        return "exited with " + ended.exitCode();
    }

    static String streamName(OutputLine.Stream stream) {
        return stream.name().toLowerCase(Locale.ROOT);
    }

    /** What the list of jobs shows. */
    ObjectNode summary() {
        ObjectNode node = Json.object()
                .put("id", id)
                .put("typed", typed)
                .put("commandLine", command.commandLine())
                .put("directory", command.directory().map(Object::toString).orElse(""))
                .put("pid", pid)
                .put("startedAt", startedAt.toString());
        ArrayNode argv = node.putArray("argv");
        command.argv().forEach(argv::add);
        ProcessResult ended = result.get();
        if (ended == null) {
            node.put("state", "running");
        } else {
            node.setAll(endOf(ended));
        }
        return node;
    }

    /** The summary and every line kept, each with its event id and stream. */
    ObjectNode detail() {
        ObjectNode node = summary();
        ArrayNode lines = node.putArray("lines");
        for (EventLog.Event event : log.after(0)) {
            if (event.type().equals("line")) {
                ObjectNode line = (ObjectNode) Json.read(event.data());
                lines.add(line.put("id", event.id()));
            }
        }
        return node;
    }
}
