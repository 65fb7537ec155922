package dev.pureflow.observability.picture;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.StepKey;
import dev.pureflow.interpreters.codec.JsonCodec;
import dev.pureflow.interpreters.journal.DurableRunner;
import dev.pureflow.interpreters.journal.JournalEntry;
import dev.pureflow.interpreters.journal.RunInfo;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A durable run's journal read as a {@link Trace}. A step's key names its branch and its ordinal
 * in it ({@code main/1/0#2}); its record holds when it ended, not when it began. A step is drawn
 * from the latest end, before its own, of a step of its own branch (an earlier one), of an
 * enclosing branch (a parallel block's branches start when the step before the block ended) or of
 * a branch nested in its own (a step after a block starts when the block's last step ended), or
 * from the run's start, to its own end. Siblings do not hold each other up. Stateless.
 */
final class JournalTrace {

    private static final JsonCodec CODEC = JsonCodec.standard();

    private JournalTrace() {}

    /** Run {@code runId}'s steps as a trace shown with {@code redaction}; see the class comment. */
    static Trace of(DurableRunner runner, String runId, Redaction redaction) {
        RunInfo run = runner.run(runId).getOrElseThrow(() -> new IllegalArgumentException(
                "there is no run " + runId + " in " + runner.directory() + " (runs there: " + runner.runs().stream().map(RunInfo::runId).toList() + ")"));
        List<JournalEntry.Performed> performed = runner.steps(runId);
        record Ended(StepKey key, Action<?> action, Instant end, Try<Object> outcome) {
            String branch() {
                return key.path();
            }

            int ordinal() {
                return key.ordinal();
            }
        }
        List<Ended> ended = new ArrayList<>();
        for (JournalEntry.Performed step : performed) {
            Action<?> action = CODEC.readAction(step.actionType(), step.action());
            // the journal writes each key as StepKey.toString(), which StepKey.parse reads back
            ended.add(new Ended(StepKey.parse(step.key()), action, step.at(), CODEC.readOutcome(action.getClass(), step.outcome())));
        }
        // the latest end, before each step's own, among steps of its branch, an enclosing one or one nested in it
        record Started(Ended step, Instant start) {}
        List<Started> started = new ArrayList<>();
        Map<String, List<Ended>> byBranch = new HashMap<>();
        ended.forEach(step -> byBranch.computeIfAbsent(step.branch(), b -> new ArrayList<>()).add(step));
        for (Ended step : ended) {
            Instant start = run.startedAt();
            for (Map.Entry<String, List<Ended>> lane : byBranch.entrySet()) {
                if (!encloses(lane.getKey(), step.branch()) && !encloses(step.branch(), lane.getKey())) {
                    continue;
                }
                for (Ended other : lane.getValue()) {
                    boolean before = lane.getKey().equals(step.branch()) ? other.ordinal() < step.ordinal() : !other.end().isAfter(step.end());
                    if (before && other.end().isAfter(start) && !other.end().isAfter(step.end())) {
                        start = other.end();
                    }
                }
            }
            started.add(new Started(step, start.isAfter(step.end()) ? step.end() : start));
        }
        started.sort(Comparator.comparing(Started::start).thenComparing(s -> s.step().branch()).thenComparingInt(s -> s.step().ordinal()));
        List<TracedStep> steps = new ArrayList<>();
        for (Started step : started) {
            steps.add(new TracedStep(steps.size() + 1, step.step().key(), step.step().action(), step.start(),
                    Duration.between(step.start(), step.step().end()), step.step().outcome()));
        }
        return new Trace(run.startedAt(), steps, redaction);
    }

    /** Whether {@code outer} is {@code inner} or a branch {@code inner} runs inside ({@code main} encloses {@code main/1/0}, not {@code main/10}). */
    private static boolean encloses(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer + "/");
    }
}
