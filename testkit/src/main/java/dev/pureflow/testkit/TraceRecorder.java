package dev.pureflow.testkit;

import dev.pureflow.Redaction;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A step listener that keeps every finished step of the runs it is given to, for a {@link Trace};
 * made with {@link Trace#recorder}. Thread-safe: parallel branches report to it at once.
 */
public final class TraceRecorder implements StepListener {

    private final Instant origin;
    private final Redaction redaction;
    private final List<TracedStep> steps = new ArrayList<>();

    TraceRecorder(Instant origin, Redaction redaction) {
        this.origin = origin;
        this.redaction = redaction;
    }

    @Override
    public synchronized void finished(Step step, Try<Object> outcome, Duration duration) {
        steps.add(new TracedStep(step.number(), step.key(), step.action(), step.startedAt(), duration, outcome));
    }

    /** The steps finished so far. */
    public synchronized Trace trace() {
        return new Trace(origin, steps, redaction);
    }
}
