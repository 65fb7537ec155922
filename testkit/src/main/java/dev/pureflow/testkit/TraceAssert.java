package dev.pureflow.testkit;

import dev.pureflow.Action;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractIntegerAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on a {@link Trace}: what a run performed, in which order, how often, what
 * overlapped, and when, in the run's (virtual) time. Failure messages show the whole trace, with
 * actions as the trace's {@link dev.pureflow.Redaction} renders them, then the same run as a
 * Mermaid sequence diagram ({@link Trace#toMermaid()}) to paste into a viewer.
 *
 * <pre>{@code
 * import static dev.pureflow.testkit.TraceAssert.assertThat;
 *
 * assertThat(trace)
 *     .performedInOrder(new Fetch("users", 3), new Greet("Ada"))
 *     .performedConcurrently(new Greet("Ada"), new Greet("Grace"))
 *     .never(Rollback.class)
 *     .spans(Duration.ofMillis(100));
 * assertThat(trace).countOf(Greet.class).isEqualTo(3);
 * }</pre>
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 */
public final class TraceAssert extends AbstractAssert<TraceAssert, Trace> {

    private TraceAssert(Trace actual) {
        super(actual, TraceAssert.class);
    }

    /** What a failure message shows of the run: the trace, then its Mermaid sequence diagram. */
    private String report() {
        return actual + "\n\nThe run as a Mermaid sequence diagram:\n" + actual.toMermaid();
    }

    /** Assertions on {@code trace}. */
    public static TraceAssert assertThat(Trace trace) {
        return new TraceAssert(trace);
    }

    /** Some step performed {@code action} (an equal action). */
    public TraceAssert performed(Action<?> action) {
        isNotNull();
        if (actual.stepsOf(action).isEmpty()) {
            failWithMessage("expected the run to perform%n  %s%nbut it did not; the trace:%n%s", actual.show(action), report());
        }
        return this;
    }

    /** {@code actions} were performed, each starting after the previous one started (others may come between). */
    public TraceAssert performedInOrder(Action<?>... actions) {
        isNotNull();
        int index = 0;
        for (TracedStep step : actual.steps()) {
            if (index < actions.length && step.action().equals(actions[index])) {
                index++;
            }
        }
        if (index < actions.length) {
            failWithMessage("expected the run to perform in this order%n  %s%nbut %s was not performed after %s; the trace:%n%s",
                    Arrays.stream(actions).map(actual::show).toList(), actual.show(actions[index]),
                    index == 0 ? "the start" : actual.show(actions[index - 1]), report());
        }
        return this;
    }

    /** No step performed {@code action}. */
    public TraceAssert never(Action<?> action) {
        isNotNull();
        List<TracedStep> found = actual.stepsOf(action);
        if (!found.isEmpty()) {
            failWithMessage("expected the run never to perform%n  %s%nbut step #%d did; the trace:%n%s",
                    actual.show(action), found.getFirst().number(), report());
        }
        return this;
    }

    /** No step performed an action of {@code type}. */
    public TraceAssert never(Class<?> type) {
        isNotNull();
        List<TracedStep> found = actual.stepsOf(type);
        if (!found.isEmpty()) {
            failWithMessage("expected the run never to perform a %s%nbut step #%d did: %s; the trace:%n%s",
                    type.getSimpleName(), found.getFirst().number(), actual.show(found.getFirst().action()), report());
        }
        return this;
    }

    /** No action of {@code type} started after an action of {@code failedType} failed. */
    public TraceAssert neverAfterFailed(Class<?> failedType, Class<?> type) {
        isNotNull();
        actual.stepsOf(failedType).stream().filter(TracedStep::failed).findFirst().ifPresent(failure -> {
            actual.stepsOf(type).stream()
                    .filter(step -> !step.startedAt().isBefore(failure.endedAt()) && step.number() > failure.number())
                    .findFirst()
                    .ifPresent(after -> failWithMessage(
                            "expected no %s after a failed %s%nbut step #%d %s failed and step #%d %s came after it; the trace:%n%s",
                            type.getSimpleName(), failedType.getSimpleName(), failure.number(), actual.show(failure.action()),
                            after.number(), actual.show(after.action()), report()));
        });
        return this;
    }

    /** An assertion on how many steps performed an action of {@code type}. */
    public AbstractIntegerAssert<?> countOf(Class<?> type) {
        isNotNull();
        return Assertions.assertThat(actual.stepsOf(type).size())
                .as("number of %s steps in the trace:%n%s", type.getSimpleName(), report());
    }

    /** Some step of {@code first} and some step of {@code second} ran at overlapping times. */
    public TraceAssert performedConcurrently(Action<?> first, Action<?> second) {
        isNotNull();
        performed(first);
        performed(second);
        boolean overlapped = actual.stepsOf(first).stream()
                .anyMatch(a -> actual.stepsOf(second).stream().anyMatch(b -> a != b && a.overlaps(b)));
        if (!overlapped) {
            failWithMessage("expected%n  %s%nand%n  %s%nto run at overlapping times, but they did not; the trace:%n%s",
                    actual.show(first), actual.show(second), report());
        }
        return this;
    }

    /** The first step that performed {@code action} started {@code offset} after the trace's origin. */
    public TraceAssert startedAt(Action<?> action, Duration offset) {
        Objects.requireNonNull(offset, "offset");
        performed(action);
        Duration actualOffset = Duration.between(actual.origin(), actual.stepsOf(action).getFirst().startedAt());
        if (!actualOffset.equals(offset)) {
            failWithMessage("expected%n  %s%nto start at +%s but it started at +%s; the trace:%n%s",
                    actual.show(action), Durations.human(offset), Durations.human(actualOffset), report());
        }
        return this;
    }

    /** The first step that performed {@code action} took exactly {@code duration}. */
    public TraceAssert took(Action<?> action, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        performed(action);
        Duration taken = actual.stepsOf(action).getFirst().duration();
        if (!taken.equals(duration)) {
            failWithMessage("expected%n  %s%nto take %s but it took %s; the trace:%n%s",
                    actual.show(action), Durations.human(duration), Durations.human(taken), report());
        }
        return this;
    }

    /** From its origin to the end of its last step, the run took exactly {@code duration}. */
    public TraceAssert spans(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        isNotNull();
        if (!actual.span().equals(duration)) {
            failWithMessage("expected the run to span %s but it spans %s; the trace:%n%s",
                    Durations.human(duration), Durations.human(actual.span()), report());
        }
        return this;
    }
}
