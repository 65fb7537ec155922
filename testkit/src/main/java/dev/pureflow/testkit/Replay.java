package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.Redaction;
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
 * A step recorded with secrets masked (see {@link Recorder}) matches an action whose masked form
 * is the recorded one and whose masked values have the recorded digest: the same action, secrets
 * included. Divergence messages show actions with the recording's {@link Redaction}.
 * A recorded error comes back as its own class with its message, its data (a process failure's
 * {@code result()}, a time-out's {@code limit()}) and its cause, so a flow that branches on them
 * behaves as it did when recorded; or, where that class cannot be made again (or its message had
 * a secret masked), as a {@link ReplayedFailureException} naming it. {@link #timedOn} replays
 * recorded durations on a (virtual) clock. Declares parallelism 1: parallel blocks replay one branch
 * after another; {@link #inAnyOrder()} matches each action with the earliest unused equal recorded
 * step instead of the next one, for recordings of parallel blocks. Thread-safe.
 */
public final class Replay implements Executor, AutoCloseable {

    private final List<Recorded> recorded;
    private final List<RecordedStep> steps;
    private final List<String> keys;
    private final Redaction shown;
    private final boolean[] used;
    private final boolean anyOrder;
    private final Optional<Clock> clock;
    private int replayed;
    private ReplayDivergedException divergence;

    /** A recorded step, and how its secrets were masked if they were. */
    private record Recorded(RecordedStep step, Optional<RecordedInput.Seal> seal) {}

    private Replay(List<Recorded> recorded, boolean anyOrder, Optional<Clock> clock) {
        this.recorded = recorded;
        this.steps = recorded.stream().map(Recorded::step).toList();
        this.keys = recorded.stream().map(Replay::key).toList();
        this.shown = recorded.stream().flatMap(step -> step.seal().stream())
                .map(seal -> seal.redaction().names())
                .reduce(Redaction.DEFAULT, (policy, names) -> policy.masking(names.toJavaArray(String[]::new)), (a, b) -> a);
        this.used = new boolean[recorded.size()];
        this.anyOrder = anyOrder;
        this.clock = clock;
    }

    /** What an action must map to to match a step: its JSON, or its masked JSON for a step recorded masked. */
    private static String key(Recorded step) {
        RecordedInput inputs = StepCodec.INSTANCE.inputs();
        return inputs.canonical(step.seal().isPresent()
                ? inputs.maskedTree(step.step().action(), step.seal().get().redaction())
                : StepCodec.INSTANCE.actionTree(step.step().action()));
    }

    /** A replay of the recording in {@code file}. */
    public static Replay from(Path file) throws IOException {
        return new Replay(readRecorded(file), false, Optional.empty());
    }

    /** A replay of {@code steps}, in step-number order. */
    public static Replay of(List<RecordedStep> steps) {
        Objects.requireNonNull(steps, "steps");
        return new Replay(steps.stream().sorted(Comparator.comparingLong(RecordedStep::number))
                .map(step -> new Recorded(step, Optional.empty())).toList(), false, Optional.empty());
    }

    /**
     * The steps recorded in {@code file}, in step-number order; their actions have their secrets
     * masked as the recorder wrote them.
     */
    public static List<RecordedStep> read(Path file) throws IOException {
        return readRecorded(file).stream().map(Recorded::step).toList();
    }

    private static List<Recorded> readRecorded(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Recorded> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                steps.add(new Recorded(StepCodec.INSTANCE.decode(lines.get(i), i + 1), StepCodec.INSTANCE.inputs().seal(lines.get(i))));
            }
        }
        steps.sort(Comparator.comparingLong(step -> step.step().number()));
        return List.copyOf(steps);
    }

    /** This replay (not yet started) matching actions with the earliest unused equal step, in any order. */
    public Replay inAnyOrder() {
        return new Replay(recorded, true, clock);
    }

    /** This replay (not yet started) taking each step's recorded duration of {@code clock}'s time. */
    public Replay timedOn(Clock clock) {
        return new Replay(recorded, anyOrder, Optional.of(Objects.requireNonNull(clock, "clock")));
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        RecordedStep step = match(action);
        if (clock.isPresent()) {
            clock.get().sleep(step.duration());
        }
        if (step.outcome().isFailure()) {
            Throwable error = FatalErrorException.unwrapped(step.outcome().getCause());
            if (error instanceof Exception exception) {
                throw exception;
            }
            throw (Error) error;
        }
        return step.outcome().get();
    }

    private synchronized RecordedStep match(Action<?> action) {
        long number = replayed + 1;
        String actual = StepCodec.INSTANCE.inputs().canonical(StepCodec.INSTANCE.actionTree(action));
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
                            + " steps and ended, but the flow performed\n  " + shown.render(action)
                    : "replay diverged at step " + number + ":\n  recorded: " + shown.render(next.get().action())
                            + "\n  actual:   " + shown.render(action);
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

    private boolean sameAction(int index, Action<?> action, String actual) {
        if (steps.get(index).action().getClass() != action.getClass()) {
            return false;
        }
        Optional<RecordedInput.Seal> seal = recorded.get(index).seal();
        return seal.isPresent()
                ? StepCodec.INSTANCE.inputs().matches(seal.get(), keys.get(index), action)
                : keys.get(index).equals(actual);
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
                    + shown.render(next.get().action()));
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
