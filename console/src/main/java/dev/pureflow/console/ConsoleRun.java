package dev.pureflow.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Redaction;
import dev.pureflow.RunHandle;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A flow the console started: the {@link StepListener} that turns its steps into events as they
 * start and end (rendered with the run's redaction, as logs are), and its handle for cancelling.
 * Thread-safe: steps of parallel branches arrive from several threads.
 */
final class ConsoleRun implements StepListener {

    private final String id;
    private final long number;
    private final String flow;
    private final Instant startedAt;
    private final Redaction redaction;
    private final EventLog log;
    /** Steps by number, in the order they started; guarded by itself. */
    private final Map<Long, RunRecord.StepRecord> steps = new LinkedHashMap<>();
    private final AtomicReference<String> outcome = new AtomicReference<>();
    private final RunPictureRenderer.Drawing drawing;
    private volatile RunHandle<?> handle;

    ConsoleRun(long number, String flow, Instant startedAt, Redaction redaction, int eventsKept, RunPictureRenderer.Drawing drawing) {
        this.id = "run-" + number;
        this.number = number;
        this.flow = flow;
        this.startedAt = startedAt;
        this.redaction = redaction;
        this.log = new EventLog(eventsKept);
        this.drawing = drawing;
    }

    /** The run's picture so far, as its drawing makes it; none if it draws none. */
    Option<String> picture() {
        return drawing.html(record());
    }

    String id() {
        return id;
    }

    long number() {
        return number;
    }

    EventLog log() {
        return log;
    }

    boolean running() {
        return outcome.get() == null;
    }

    void handle(RunHandle<?> handle) {
        this.handle = handle;
    }

    /**
     * Cancels the run (its steps in flight are interrupted, its finalizers run) and waits for its
     * end, but at most {@code patience}: a flow whose step ignores interrupts must not hang the
     * console's close or a request thread. Returns whether the run has ended.
     */
    boolean cancel(Duration patience) {
        RunHandle<?> running = handle;
        if (running == null) {
            return false;
        }
        running.cancel();
        try {
            running.toCompletionStage().handle((value, error) -> null).toCompletableFuture()
                    .get(patience.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException impossible) { // handle(...) never completes exceptionally
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void started(Step step) {
        RunRecord.StepRecord record = new RunRecord.StepRecord(step.number(), step.key().toString(), step.branch(),
                redaction.render(step.action()), step.startedAt(), Option.none(), false, Option.none());
        synchronized (steps) {
            steps.put(step.number(), record);
        }
        log.append("step-started", Json.write(stepJson(record)));
    }

    @Override
    public void finished(Step step, Try<Object> result, Duration duration) {
        String rendered = result.isSuccess()
                ? redaction.render(result.get())
                : redaction.maskIn(result.getCause().toString(), step.action());
        RunRecord.StepRecord record = new RunRecord.StepRecord(step.number(), step.key().toString(), step.branch(),
                redaction.render(step.action()), step.startedAt(), Option.some(rendered), result.isFailure(),
                Option.some(duration.toMillis()));
        synchronized (steps) {
            steps.put(step.number(), record);
        }
        log.append("step-finished", Json.write(stepJson(record)));
    }

    /** Records how the run ended, once. */
    void complete(Try<?> result) {
        String text = result.isSuccess()
                ? "succeeded: " + redaction.render(result.get())
                : result.getCause() instanceof CancellationException ? "cancelled" : "failed: " + result.getCause();
        if (outcome.compareAndSet(null, text)) {
            log.end("ended", Json.write(Json.object().put("state", stateOf(text)).put("outcome", text)));
        }
    }

    private static String stateOf(String outcome) {
        return outcome.substring(0, outcome.indexOf(':') < 0 ? outcome.length() : outcome.indexOf(':'));
    }

    private static ObjectNode stepJson(RunRecord.StepRecord step) {
        ObjectNode node = Json.object()
                .put("number", step.number())
                .put("key", step.key())
                .put("branch", step.branch())
                .put("action", step.action())
                .put("startedAt", step.startedAt().toString())
                .put("failed", step.failed());
        step.result().forEach(result -> node.put("result", result));
        step.millis().forEach(millis -> node.put("millis", millis));
        return node;
    }

    /** A snapshot of what the console saw of this run. */
    RunRecord record() {
        io.vavr.collection.List<RunRecord.StepRecord> snapshot;
        synchronized (steps) {
            snapshot = io.vavr.collection.List.ofAll(steps.values());
        }
        return new RunRecord(id, flow, startedAt, snapshot, Option.of(outcome.get()));
    }

    ObjectNode summary() {
        String ended = outcome.get();
        ObjectNode node = Json.object().put("id", id).put("flow", flow).put("startedAt", startedAt.toString())
                .put("state", ended == null ? "running" : stateOf(ended));
        if (ended != null) {
            node.put("outcome", ended);
        }
        return node;
    }

    ObjectNode detail() {
        ObjectNode node = summary();
        ArrayNode list = node.putArray("steps");
        record().steps().forEach(step -> list.add(stepJson(step)));
        return node;
    }
}
