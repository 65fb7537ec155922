package dev.pureflow.observability.picture;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import dev.pureflow.StepKey;
import dev.pureflow.interpreters.journal.DurableRunner;
import dev.pureflow.testkit.RecordedStep;
import dev.pureflow.testkit.Replay;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A picture of one recorded run (a testkit {@link Trace}, a recording file, or a durable run's
 * journal), in three forms: a Mermaid sequence diagram, a Mermaid gantt
 * chart with millisecond precision, and one self-contained HTML file with an SVG timeline (a lane
 * per branch, a bar per step coloured by outcome, hover text with the action, its answer or error
 * and its duration; no script, no external reference).
 *
 * <pre>{@code
 * TraceRecorder recorder = Trace.recorder(clock);
 * Runner.of(executor).with(o -> o.clock(clock).listener(recorder)).run(flow);
 * RunPicture.of(recorder.trace(), "greeting").writeHtml(Path.of("target/greeting.html"));
 * }</pre>
 *
 * <p>Actions, answers and error messages are shown as the trace's {@link dev.pureflow.Redaction}
 * shows them (as the logs do). Immutable and thread-safe.
 */
public final class RunPicture {

    private final Trace trace;
    private final String title;

    private RunPicture(Trace trace, String title) {
        this.trace = trace;
        this.title = title;
    }

    /** The picture of the run {@code trace} recorded, titled {@code title}. */
    public static RunPicture of(Trace trace, String title) {
        return new RunPicture(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(title, "title"));
    }

    /** The picture of the run {@code trace} recorded, titled {@code run}. */
    public static RunPicture of(Trace trace) {
        return of(trace, "run");
    }

    /**
     * The picture of the run recorded in {@code file} by a {@link dev.pureflow.testkit.Recorder}. A
     * recording keeps no start times, branches or step keys: its steps are drawn in one lane,
     * {@code main}, one after another in step order, each as long as it took (and keyed as a
     * sequential run's steps are: {@code main#0}, {@code main#1}, ...).
     *
     * @throws IOException if the file cannot be read or a line cannot be decoded
     */
    public static RunPicture ofRecording(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<RecordedStep> recorded = new ArrayList<>(Replay.read(file));
        recorded.sort(Comparator.comparingLong(RecordedStep::number));
        List<TracedStep> steps = new ArrayList<>();
        Instant at = Instant.EPOCH;
        for (RecordedStep step : recorded) {
            // keyed as a sequential run's steps are, main#0, main#1, ...: a recording keeps no keys
            StepKey key = new StepKey(StepKey.MAIN, steps.size());
            steps.add(new TracedStep(step.number(), key, step.action(), at, step.duration(), step.outcome()));
            at = at.plus(step.duration());
        }
        Path name = file.getFileName();
        return of(new Trace(Instant.EPOCH, steps), name == null ? "run" : name.toString());
    }

    /**
     * The picture of durable run {@code runId} of {@code runner}, drawn from its journal (finished or
     * not), titled with the run id, its actions shown with {@link dev.pureflow.Redaction#DEFAULT}.
     * Each step is drawn in its branch's lane (from its step key: {@code main/1/0#2} is in lane
     * {@code main/1/0}) with its journaled answer or error. A journal keeps when a step ended, not
     * when it began: a step is drawn from the latest end, before its own, of an earlier step of its
     * branch, of an enclosing branch or of a branch nested in it (or from the run's start) to its own end.
     *
     * @throws IllegalArgumentException if there is no such run, or a journaled action's class is not on the class path
     * @throws dev.pureflow.interpreters.journal.JournalCorruptedException if the journal is damaged
     */
    public static RunPicture ofJournal(DurableRunner runner, String runId) {
        return ofJournal(runner, runId, Redaction.DEFAULT);
    }

    /** As {@link #ofJournal(DurableRunner, String)}, the actions, answers and errors shown with {@code redaction}. */
    public static RunPicture ofJournal(DurableRunner runner, String runId, Redaction redaction) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(redaction, "redaction");
        return of(JournalTrace.of(runner, runId, redaction), runId);
    }

    /**
     * The picture of durable run {@code runId} whose journal is in {@code directory} (a
     * {@link DurableRunner}'s directory), as {@link #ofJournal(DurableRunner, String)} draws it; the
     * journal is only read.
     *
     * @throws IllegalArgumentException if {@code directory} is not a directory or holds no such run
     */
    public static RunPicture ofJournal(Path directory, String runId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(runId, "runId");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("there is no journal directory " + directory);
        }
        // a runner that only reads: no flow registered, and an executor no step reaches
        DurableRunner reader = DurableRunner.builder(directory, Executor.of(Action.class, action -> {
            throw new UnsupportedOperationException("a journal being drawn runs nothing");
        })).build();
        return ofJournal(reader, runId);
    }

    /** The trace this picture draws. */
    public Trace trace() {
        return trace;
    }

    /** The Mermaid sequence diagram ({@link Trace#toMermaid()}). */
    public String mermaidSequence() {
        return trace.toMermaid();
    }

    /** The Mermaid gantt chart: a section per branch, a task per step, times in milliseconds since the trace's origin. */
    public String mermaidGantt() {
        return MermaidGantt.of(trace, title);
    }

    /** The SVG timeline alone, as an {@code <svg>} element (no XML namespace: it is meant for HTML). */
    public String svg() {
        return SvgTimeline.of(trace, title);
    }

    /** One self-contained HTML page: the title, the SVG timeline, a legend. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + SvgTimeline.xml(title) + "</title>\n<style>\n"
                + "body { font-family: sans-serif; margin: 16px; background: #ffffff; color: #222222; }\n"
                + "svg text { font-family: sans-serif; font-size: 12px; }\n"
                + "</style>\n</head>\n<body>\n<h1>" + SvgTimeline.xml(title) + "</h1>\n"
                + "<p>" + trace.steps().size() + " steps, " + millis(trace.span()) + " ms. Hover over a bar for its step.</p>\n"
                + svg() + "\n</body>\n</html>\n";
    }

    /** Writes {@link #html()} to {@code file} (created or replaced) and returns the file. */
    public Path writeHtml(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return Files.writeString(file, html(), StandardCharsets.UTF_8);
    }

    static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.3f", duration.toNanos() / 1e6);
    }

    @Override
    public String toString() {
        return "RunPicture[" + title + ", " + trace.steps().size() + " steps]";
    }
}
