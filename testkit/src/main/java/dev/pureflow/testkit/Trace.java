package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The steps of one run, in the order they started, with their times on the run's clock: what
 * {@link TraceAssert} asserts on. Immutable.
 *
 * <pre>{@code
 * TraceRecorder recorder = Trace.recorder(clock);
 * Runner.of(executor).with(options -> options.clock(clock).listener(recorder)).run(flow);
 * Trace trace = recorder.trace();
 * TraceAssert.assertThat(trace).performedInOrder(new Test("api"), new Deploy("api")).never(Rollback.class);
 * }</pre>
 *
 * <p>Its report ({@link #toString()}, and so {@link TraceAssert}'s failure messages) shows actions,
 * answers and errors with its {@link Redaction}: {@link Redaction#DEFAULT} unless the recorder was
 * given another.
 *
 * @param origin    when recording began, by the run's clock: times in reports are counted from it
 * @param steps     the finished steps, by step number
 * @param redaction how the report shows actions, answers and errors
 */
public record Trace(Instant origin, List<TracedStep> steps, Redaction redaction) {

    public Trace {
        Objects.requireNonNull(origin, "origin");
        steps = steps.stream().sorted(Comparator.comparingLong(TracedStep::number)).toList();
        Objects.requireNonNull(redaction, "redaction");
    }

    /** A trace reported with {@link Redaction#DEFAULT}. */
    public Trace(Instant origin, List<TracedStep> steps) {
        this(origin, steps, Redaction.DEFAULT);
    }

    /** A listener that records the steps of runs on {@code clock}; give it to the runner's options. */
    public static TraceRecorder recorder(Clock clock) {
        return recorder(clock, Redaction.DEFAULT);
    }

    /** As {@link #recorder(Clock)}, its trace reporting with {@code redaction}. */
    public static TraceRecorder recorder(Clock clock, Redaction redaction) {
        Objects.requireNonNull(redaction, "redaction");
        return new TraceRecorder(Objects.requireNonNull(clock, "clock").instant(), redaction);
    }

    /** How this trace's report shows {@code action}. */
    String show(Action<?> action) {
        return redaction.render(action);
    }

    /** The actions performed, in the order they started. */
    public List<Action<?>> actions() {
        return steps.stream().<Action<?>>map(TracedStep::action).toList();
    }

    /** The steps whose action is an instance of {@code type}. */
    public List<TracedStep> stepsOf(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return steps.stream().filter(step -> type.isInstance(step.action())).toList();
    }

    /** The steps whose action equals {@code action}. */
    public List<TracedStep> stepsOf(Action<?> action) {
        Objects.requireNonNull(action, "action");
        return steps.stream().filter(step -> step.action().equals(action)).toList();
    }

    /** From the origin to the end of the last step to end (zero for an empty trace). */
    public Duration span() {
        return steps.stream().map(TracedStep::endedAt).max(Comparator.naturalOrder())
                .map(end -> Duration.between(origin, end)).orElse(Duration.ZERO);
    }

    /**
     * This trace as a Mermaid sequence diagram: the flow and each executor family as participants,
     * a {@code par} block per parallel block, failures as notes, shown with this trace's redaction.
     * Paste it into a Markdown file or any Mermaid viewer; pureflow-observability draws more pictures.
     */
    public String toMermaid() {
        return MermaidSequence.of(this);
    }

    /** One line per step: number, step key ({@code main/1/0#2}), start since the origin, action, outcome, duration. */
    @Override
    public String toString() {
        return steps.isEmpty() ? "(no steps)" : steps.stream().map(step -> step.describe(origin, redaction)).collect(Collectors.joining("\n"));
    }
}
