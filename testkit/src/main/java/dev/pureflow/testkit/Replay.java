package dev.pureflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays a {@link Recorder}'s file back as an executor: the flow must perform the recorded actions,
 * in the recorded order, and gets the recorded answers and errors, with no world at all. When the
 * flow diverges — another action at a step, an action after the recording ended — the step fails
 * with a {@link ReplayDivergedException} naming the step number, the recorded and the actual
 * action; {@link #verify()} (and so {@code close()}) throws it again, even if the flow caught it,
 * and fails if recorded steps were left over.
 *
 * <pre>{@code
 * try (Replay replay = Replay.from(Path.of("deploy.jsonl"))) {
 *     assertThat(Runner.of(replay).run(deploy)).isEqualTo(expected);
 * }
 * }</pre>
 *
 * <p>Actions are compared as Jackson maps them, so a process action's listener does not matter.
 * A recorded error comes back as its own class with its message, its data (a process failure's
 * {@code result()}, a time-out's {@code limit()}) and its cause, so a flow that branches on them
 * behaves as it did when recorded; or, where that class cannot be made again, as a
 * {@link ReplayedFailureException} naming it. {@link #timedOn} replays
 * recorded durations on a (virtual) clock. Declares parallelism 1: parallel blocks replay one branch
 * after another; {@link #inAnyOrder()} matches each action with the earliest unused equal recorded
 * step instead of the next one, for recordings of parallel blocks. Thread-safe.
 */
public final class Replay implements Executor, AutoCloseable {

    private final List<RecordedStep> steps;
    private final List<JsonNode> trees;
    private final boolean[] used;
    private final boolean anyOrder;
    private final Optional<Clock> clock;
    private int replayed;
    private ReplayDivergedException divergence;

    private Replay(List<RecordedStep> steps, boolean anyOrder, Optional<Clock> clock) {
        this.steps = steps;
        this.trees = steps.stream().map(step -> StepCodec.INSTANCE.actionTree(step.action())).toList();
        this.used = new boolean[steps.size()];
        this.anyOrder = anyOrder;
        this.clock = clock;
    }

    /** A replay of the recording in {@code file}. */
    public static Replay from(Path file) throws IOException {
        return of(read(file));
    }

    /** A replay of {@code steps}, in step-number order. */
    public static Replay of(List<RecordedStep> steps) {
        Objects.requireNonNull(steps, "steps");
        return new Replay(steps.stream().sorted(Comparator.comparingLong(RecordedStep::number)).toList(), false, Optional.empty());
    }

    /** The steps recorded in {@code file}, in step-number order. */
    public static List<RecordedStep> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<RecordedStep> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                steps.add(StepCodec.INSTANCE.decode(lines.get(i), i + 1));
            }
        }
        steps.sort(Comparator.comparingLong(RecordedStep::number));
        return List.copyOf(steps);
    }

    /** This replay (not yet started) matching actions with the earliest unused equal step, in any order. */
    public Replay inAnyOrder() {
        return new Replay(steps, true, clock);
    }

    /** This replay (not yet started) taking each step's recorded duration of {@code clock}'s time. */
    public Replay timedOn(Clock clock) {
        return new Replay(steps, anyOrder, Optional.of(Objects.requireNonNull(clock, "clock")));
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        RecordedStep step = match(action);
        if (clock.isPresent()) {
            clock.get().sleep(step.duration());
        }
        if (step.outcome().isFailure()) {
            Throwable error = step.outcome().getCause();
            if (error instanceof Exception exception) {
                throw exception;
            }
            throw (Error) error;
        }
        return step.outcome().get();
    }

    private synchronized RecordedStep match(Action<?> action) {
        long number = replayed + 1;
        JsonNode actual = StepCodec.INSTANCE.actionTree(action);
        int found = -1;
        for (int i = 0; i < steps.size() && found < 0; i++) {
            if (!used[i] && sameAction(i, action, actual)) {
                found = i;
            }
            if (!used[i] && !anyOrder) {
                break; // in order: only the next unused step may match
            }
        }
        if (found < 0) {
            Optional<RecordedStep> next = nextUnused();
            String message = next.isEmpty()
                    ? "replay diverged at step " + number + ": the recording has " + steps.size()
                            + " steps and ended, but the flow performed\n  " + action
                    : "replay diverged at step " + number + ":\n  recorded: " + next.get().action() + "\n  actual:   " + action;
            ReplayDivergedException diverged = new ReplayDivergedException(number, next.map(RecordedStep::action).orElse(null), action, message);
            if (divergence == null) {
                divergence = diverged;
            }
            throw diverged;
        }
        used[found] = true;
        replayed++;
        return steps.get(found);
    }

    private boolean sameAction(int index, Action<?> action, JsonNode actual) {
        return steps.get(index).action().getClass() == action.getClass() && trees.get(index).equals(actual);
    }

    private Optional<RecordedStep> nextUnused() {
        for (int i = 0; i < steps.size(); i++) {
            if (!used[i]) {
                return Optional.of(steps.get(i));
            }
        }
        return Optional.empty();
    }

    /** How many recorded steps were played back so far. */
    public synchronized int replayed() {
        return replayed;
    }

    /**
     * Throws the first divergence of this replay, if any (even one the flow caught), or a
     * {@link ReplayDivergedException} if recorded steps were never performed.
     */
    public synchronized void verify() {
        if (divergence != null) {
            throw divergence;
        }
        Optional<RecordedStep> next = nextUnused();
        if (next.isPresent()) {
            throw new ReplayDivergedException(replayed + 1, next.get().action(), null, "replay diverged at step " + (replayed + 1)
                    + ": the flow ended after " + replayed + " of " + steps.size() + " recorded steps; the next was\n  "
                    + next.get().action());
        }
    }

    /** {@link #verify()}. */
    @Override
    public void close() {
        verify();
    }

    @Override
    public String toString() {
        return "Replay[" + replayed() + " of " + steps.size() + " steps]";
    }
}
