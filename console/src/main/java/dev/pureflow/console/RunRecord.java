package dev.pureflow.console;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * What the console saw of one run it started: the flow's name, each step as it started and ended,
 * and how the run ended. Rendered actions, answers and errors went through the run's redaction, as
 * logs do. Immutable: a snapshot taken when asked.
 *
 * @param id        the run's id in the console ({@code run-1}, ...)
 * @param flow      the allowlisted flow's name
 * @param startedAt when the console started it
 * @param steps     its steps in the order they started
 * @param outcome   how it ended ({@code succeeded: 3}, {@code failed: ...}, {@code cancelled}); none while running
 */
public record RunRecord(String id, String flow, Instant startedAt, List<StepRecord> steps, Option<String> outcome) {

    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * One step of a run.
     *
     * @param number    its number in the run, in the order steps started
     * @param key       which step of the flow it is ({@code main/2/0#3}), independent of scheduling
     * @param branch    where it ran: {@code main}, or a parallel branch's path
     * @param action    the action, rendered with the run's redaction
     * @param startedAt when it started, by the run's clock
     * @param result    its answer or error, rendered; none while it runs
     * @param failed    whether it failed
     * @param millis    how long it took; none while it runs
     */
    public record StepRecord(long number, String key, String branch, String action, Instant startedAt, Option<String> result,
                             boolean failed, Option<Long> millis) {

        public StepRecord {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(millis, "millis");
        }
    }
}
