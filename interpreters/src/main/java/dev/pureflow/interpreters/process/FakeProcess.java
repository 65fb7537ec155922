package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a scripted command behaves in the {@link FakeProcessExecutor}: the lines it prints, the
 * (virtual) time between them, its exit code, and whether it ignores TERM. Immutable.
 *
 * <pre>{@code
 * FakeProcess ping = FakeProcess.exiting(0)
 *     .printingEvery(Duration.ofSeconds(1), "64 bytes from localhost: icmp_seq=1", "64 bytes from localhost: icmp_seq=2");
 * }</pre>
 *
 * @param steps       what it does, in order
 * @param exitCode    the code it exits with when it runs to the end
 * @param ignoresTerm whether a kill must wait for its grace and send KILL
 */
public record FakeProcess(List<Step> steps, int exitCode, boolean ignoresTerm) {

    /** One thing a fake process does. */
    public sealed interface Step {
        /** Writes a line. */
        record Print(OutputLine line) implements Step {}

        /** Lets time pass. */
        record Pause(Duration duration) implements Step {}
    }

    public FakeProcess {
        steps = List.copyOf(steps);
    }

    /** A process that does nothing and exits with {@code exitCode}. */
    public static FakeProcess exiting(int exitCode) {
        return new FakeProcess(List.of(), exitCode, false);
    }

    /** This process, then printing {@code lines} on stdout at once. */
    public FakeProcess printing(String... lines) {
        return with(lines, OutputLine.Stream.STDOUT, Duration.ZERO);
    }

    /** This process, then printing {@code lines} on stderr at once. */
    public FakeProcess printingErr(String... lines) {
        return with(lines, OutputLine.Stream.STDERR, Duration.ZERO);
    }

    /** This process, then printing {@code lines} on stdout, each after {@code gap}. */
    public FakeProcess printingEvery(Duration gap, String... lines) {
        return with(lines, OutputLine.Stream.STDOUT, gap);
    }

    /** This process, then letting {@code duration} pass. */
    public FakeProcess pausing(Duration duration) {
        List<Step> more = new ArrayList<>(steps);
        more.add(new Step.Pause(requireNotNegative(duration)));
        return new FakeProcess(more, exitCode, ignoresTerm);
    }

    /** This process ignoring TERM: a kill waits for its grace, then KILLs it. */
    public FakeProcess ignoringTerm() {
        return new FakeProcess(steps, exitCode, true);
    }

    private FakeProcess with(String[] lines, OutputLine.Stream stream, Duration gap) {
        Objects.requireNonNull(lines, "lines");
        requireNotNegative(gap);
        List<Step> more = new ArrayList<>(steps);
        for (String line : lines) {
            if (!gap.isZero()) {
                more.add(new Step.Pause(gap));
            }
            more.add(new Step.Print(new OutputLine(stream, line)));
        }
        return new FakeProcess(more, exitCode, ignoresTerm);
    }

    private static Duration requireNotNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        return duration;
    }
}
