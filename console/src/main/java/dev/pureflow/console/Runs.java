package dev.pureflow.console;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The runs the console started: only flows the application allowed by name, each built afresh from
 * its supplier (nothing is looked up by reflection), on the configured runner with the console's
 * step listener after the runner's own. Keeps the last 100 ended runs. Thread-safe.
 */
final class Runs {

    private static final int ENDED_RUNS_KEPT = 100;
    /** How long a cancel waits for a run to end: the run's finalizers run first, and may take a while. */
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

    private final Map<String, Supplier<? extends Program<?>>> flows;
    private final Runner runner;
    private final int eventsKept;
    private final RunPictureRenderer pictures;
    private final AtomicLong numbers = new AtomicLong();
    private final java.util.Map<String, ConsoleRun> runs = new ConcurrentHashMap<>();

    Runs(Map<String, Supplier<? extends Program<?>>> flows, Runner runner, int eventsKept, RunPictureRenderer pictures) {
        this.flows = flows;
        this.pictures = pictures;
        this.runner = runner;
        this.eventsKept = eventsKept;
    }

    List<String> allowed() {
        return flows.keySet().toList();
    }

    ConsoleRun start(String flow) {
        Supplier<? extends Program<?>> build = flows.get(flow).getOrElseThrow(() -> new HttpError(403,
                "no flow named '" + flow + "' is allowed; the console starts only: "
                        + (flows.isEmpty() ? "(nothing)" : allowed().mkString(", "))));
        Program<?> program = build.get();
        RunPictureRenderer.Drawing drawing = Objects.requireNonNull(pictures.begin(runner.options()), "the run's drawing");
        ConsoleRun run = new ConsoleRun(numbers.incrementAndGet(), flow, Instant.now(), runner.options().redaction(), eventsKept,
                drawing);
        runs.put(run.id(), run);
        // told after the runner's own listeners: the console's, then the picture's
        Runner observed = runner.with(options -> options.listener(run).listener(drawing));
        RunHandle<?> handle = observed.start(program);
        run.handle(handle);
        handle.onComplete(run::complete);
        forgetOldEndedRuns();
        return run;
    }

    private void forgetOldEndedRuns() {
        java.util.List<ConsoleRun> ended = runs.values().stream().filter(run -> !run.running())
                .sorted(Comparator.comparingLong(ConsoleRun::number)).toList();
        for (int i = 0; i < ended.size() - ENDED_RUNS_KEPT; i++) {
            runs.remove(ended.get(i).id());
        }
    }

    ConsoleRun get(String id) {
        ConsoleRun run = runs.get(id);
        if (run == null) {
            throw new HttpError(404, "no run '" + id + "'");
        }
        return run;
    }

    java.util.List<ConsoleRun> list() {
        return runs.values().stream().sorted(Comparator.comparingLong(ConsoleRun::number)).toList();
    }

    ConsoleRun cancel(String id) {
        ConsoleRun run = get(id);
        if (!run.cancel(CANCEL_PATIENCE)) {
            LOG.warn("run {} was cancelled but has not ended after {}: a step of it ignores interrupts", id, CANCEL_PATIENCE);
        }
        return run;
    }

    /** The console is closing: cancels every run still going and waits for each (within bounds), then ends the streams. */
    void close() {
        List<ConsoleRun> running = List.ofAll(runs.values()).filter(ConsoleRun::running);
        running.forEach(run -> run.cancel(Duration.ZERO)); // all at once, then wait for each
        running.forEach(run -> {
            if (!run.cancel(CANCEL_PATIENCE)) {
                LOG.warn("closing the console: run {} has not ended {} after its cancel; leaving it", run.id(), CANCEL_PATIENCE);
            }
        });
        runs.values().forEach(run -> run.log().close());
    }
}
