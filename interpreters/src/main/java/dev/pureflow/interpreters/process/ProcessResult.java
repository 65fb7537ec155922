package dev.pureflow.interpreters.process;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a process ended and everything it wrote (up to the command's output limit): stdout and
 * stderr apart, or, for a command with {@link OutputMode#MERGED} output, both in one stream in the
 * order written ({@link #output()}), as {@link #outputMode()} says.
 *
 * @param argv            the command line that ran
 * @param pid             its process id
 * @param exitCode        its exit code; for a process ended by a signal, 128 + the signal's number
 * @param signal          the signal that ended it, when pureflow sent it: the name of the command's
 *                        {@link Command#killSignal() kill signal} ({@code TERM} unless changed) or {@code KILL}
 * @param timedOut        whether it was killed because it ran past the command's timeout
 * @param stdout          standard output, byte-exact up to the limit; empty when merged
 * @param stderr          standard error, byte-exact up to the limit; empty when merged
 * @param stdoutTruncated whether standard output went past the limit (the rest was read and dropped)
 * @param stderrTruncated whether standard error went past the limit
 * @param charset         how {@link #stdoutText()} and friends decode
 * @param duration        from start to the end of its output
 * @param outputMode      whether stdout and stderr were kept apart or merged
 * @param output          stdout and stderr in the order written, byte-exact up to the limit, when
 *                        merged; empty when kept apart
 * @param outputTruncated whether the merged output went past the limit
 */
public record ProcessResult(
        List<String> argv,
        long pid,
        int exitCode,
        Optional<String> signal,
        boolean timedOut,
        byte[] stdout,
        byte[] stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Charset charset,
        Duration duration,
        OutputMode outputMode,
        byte[] output,
        boolean outputTruncated) {

    public ProcessResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(signal, "signal");
        stdout = stdout.clone();
        stderr = stderr.clone();
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outputMode, "outputMode");
        output = output.clone();
    }

    /** The result of a command whose stdout and stderr were kept apart ({@link OutputMode#SEPARATE}). */
    public ProcessResult(List<String> argv, long pid, int exitCode, Optional<String> signal, boolean timedOut,
                         byte[] stdout, byte[] stderr, boolean stdoutTruncated, boolean stderrTruncated,
                         Charset charset, Duration duration) {
        this(argv, pid, exitCode, signal, timedOut, stdout, stderr, stdoutTruncated, stderrTruncated, charset, duration,
                OutputMode.SEPARATE, new byte[0], false);
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    /** Standard output decoded. */
    public String stdoutText() {
        return new String(stdout, charset);
    }

    /** Standard error decoded. */
    public String stderrText() {
        return new String(stderr, charset);
    }

    /** Standard output as lines, without terminators; a last line without one counts. */
    public List<String> stdoutLines() {
        return LineDecoder.lines(stdoutText());
    }

    /** Standard error as lines. */
    public List<String> stderrLines() {
        return LineDecoder.lines(stderrText());
    }

    /** The merged output decoded: stdout and stderr in the order written; empty unless merged. */
    public String outputText() {
        return new String(output, charset);
    }

    /** The merged output as lines; empty unless merged. */
    public List<String> outputLines() {
        return LineDecoder.lines(outputText());
    }

    /** Whether any output went past the output limit. */
    public boolean truncated() {
        return stdoutTruncated || stderrTruncated || outputTruncated;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessResult that
                && pid == that.pid && exitCode == that.exitCode && timedOut == that.timedOut
                && stdoutTruncated == that.stdoutTruncated && stderrTruncated == that.stderrTruncated
                && argv.equals(that.argv) && signal.equals(that.signal)
                && Arrays.equals(stdout, that.stdout) && Arrays.equals(stderr, that.stderr)
                && charset.equals(that.charset) && duration.equals(that.duration)
                && outputMode == that.outputMode && Arrays.equals(output, that.output) && outputTruncated == that.outputTruncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, pid, exitCode, signal, timedOut, Arrays.hashCode(stdout), Arrays.hashCode(stderr), duration,
                outputMode, Arrays.hashCode(output));
    }

    @Override
    public String toString() {
        return "ProcessResult[" + String.join(" ", argv) + ", pid=" + pid + ", exit=" + exitCode
                + signal.map(s -> ", signal=" + s).orElse("") + (timedOut ? ", timed out" : "")
                + (outputMode == OutputMode.MERGED
                        ? ", output=" + output.length + " bytes" + (outputTruncated ? " (truncated)" : "") + " (stdout and stderr merged)"
                        : ", stdout=" + stdout.length + " bytes" + (stdoutTruncated ? " (truncated)" : "")
                                + ", stderr=" + stderr.length + " bytes" + (stderrTruncated ? " (truncated)" : ""))
                + ", " + duration + "]";
    }
}
