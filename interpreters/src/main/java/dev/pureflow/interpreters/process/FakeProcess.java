package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a scripted command behaves in the {@link FakeProcessExecutor}: the lines it prints, the
 * (virtual) time between them, its exit code, and which signals it ignores. Immutable.
 *
 * <p>A kill sends the command's {@link Command#killSignal() kill signal}: a process that does not
 * ignore it ends at once with 128 + its number; one that ignores it ends with KILL (137) after the
 * command's kill grace, as a real process would.
 *
 * <pre>{@code
 * FakeProcess ping = FakeProcess.exiting(0)
 *     .printingEvery(Duration.ofSeconds(1), "64 bytes from localhost: icmp_seq=1", "64 bytes from localhost: icmp_seq=2");
 * }</pre>
 *
 * @param steps    what it does, in order
 * @param exitCode the code it exits with when it runs to the end
 * @param ignored  the signals it ignores: a kill beginning with one of them waits for its grace and sends KILL
 */
public record FakeProcess(List<Step> steps, int exitCode, Set<Signal> ignored) {

    /** One thing a fake process does. */
    public sealed interface Step {
        /** Writes a line. */
        record Print(OutputLine line) implements Step {}

        /** Lets time pass. */
        record Pause(Duration duration) implements Step {}
    }

    public FakeProcess {
        steps = List.copyOf(steps);
        ignored = Set.copyOf(ignored);
        if (ignored.contains(Signal.KILL)) {
            throw new IllegalArgumentException("no process can ignore KILL");
        }
    }

    /** A process ignoring TERM, or no signal at all. */
    public FakeProcess(List<Step> steps, int exitCode, boolean ignoresTerm) {
        this(steps, exitCode, ignoresTerm ? Set.of(Signal.TERM) : Set.of());
    }

    /** Whether it ignores TERM (the default kill signal). */
    public boolean ignoresTerm() {
        return ignores(Signal.TERM);
    }

    /** Whether it ignores {@code signal}. */
    public boolean ignores(Signal signal) {
        return ignored.contains(Objects.requireNonNull(signal, "signal"));
    }

    /** A process that does nothing and exits with {@code exitCode}. */
    public static FakeProcess exiting(int exitCode) {
        return new FakeProcess(List.of(), exitCode, Set.of());
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
        return new FakeProcess(more, exitCode, ignored);
    }

    /** This process ignoring TERM: a kill that begins with TERM waits for its grace, then KILLs it. */
    public FakeProcess ignoringTerm() {
        return ignoring(Signal.TERM);
    }

    /** This process also ignoring {@code signals} (not KILL, which no process can ignore). */
    public FakeProcess ignoring(Signal... signals) {
        Objects.requireNonNull(signals, "signals");
        Set<Signal> more = EnumSet.noneOf(Signal.class);
        more.addAll(ignored);
        more.addAll(List.of(signals));
        return new FakeProcess(steps, exitCode, more);
    }

    /**
     * This process stopping only on {@code signal} (and KILL): every other signal is ignored, so a
     * kill that begins with another one waits for the grace and ends with KILL.
     */
    public FakeProcess stoppingOnlyOn(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        Set<Signal> others = EnumSet.complementOf(EnumSet.of(signal, Signal.KILL));
        return new FakeProcess(steps, exitCode, others);
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
        return new FakeProcess(more, exitCode, ignored);
    }

    private static Duration requireNotNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        return duration;
    }
}
