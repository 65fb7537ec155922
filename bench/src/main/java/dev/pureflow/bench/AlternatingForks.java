package dev.pureflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the suite for {@code bench/run}: round after round, every benchmark of each {@link Segment}
 * once, each in a JMH fork of its own (JMH's {@link Runner} API, one benchmark and one fork per
 * call), in the segment's order on even rounds and reversed on odd ones. A pair's ratio is then
 * taken per round, from two forks run seconds apart under the same load, and the report reads the
 * median and spread of those ratios instead of one fork's mean and JMH's error bar, which on a
 * shared machine were often larger than the figure. The rounds of all segments are interleaved so
 * that a burst of load elsewhere spoils a few forks of each, not every fork of one.
 *
 * <p>Each fork's figure, bytes per op (in-memory segments run under {@code -prof gc}) and the load
 * average before and after it go to {@code forks.json}, rewritten after every fork so an
 * interrupted run keeps what it measured; JMH's own output goes to {@code jmh.log}. A fork that
 * fails is recorded as a failure and the run goes on: its rows lose that round.
 *
 * <p>Usage: {@code AlternatingForks smoke|short|long RESULTS_DIR}, with the benchmarks jar on the class path.
 */
public final class AlternatingForks {

    private static final String PACKAGE = "dev.pureflow.bench.";

    private final RunMode mode;
    private final Path out;
    private final PrintStream jmhLog;
    private final ObjectNode document;
    private final ArrayNode forks;
    private final ArrayNode failures;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AlternatingForks(RunMode mode, Path dir) throws IOException {
        this.mode = mode;
        this.out = dir.resolve("forks.json");
        this.jmhLog = new PrintStream(new FileOutputStream(dir.resolve("jmh.log").toFile(), true), true, StandardCharsets.UTF_8);
        this.document = json.createObjectNode().put("mode", mode.label());
        ArrayNode segments = document.putArray("segments");
        for (Segment segment : Segment.SUITE) {
            ObjectNode node = segments.addObject()
                    .put("name", segment.name())
                    .put("role", segment.role().name())
                    .put("rounds", mode.rounds(segment.role()))
                    .put("settings", settingsText(segment));
            segment.benchmarks().forEach(node.putArray("benchmarks")::add);
        }
        this.forks = document.putArray("forks");
        this.failures = document.putArray("failures");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AlternatingForks smoke|short|long RESULTS_DIR");
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        new AlternatingForks(RunMode.parse(args[0]), dir).runAll();
    }

    private void runAll() throws IOException {
        long start = System.nanoTime();
        int lastRound = Segment.SUITE.stream().mapToInt(segment -> mode.rounds(segment.role())).max().orElse(0);
        int total = Segment.SUITE.stream().mapToInt(segment -> mode.rounds(segment.role()) * segment.benchmarks().size()).sum();
        int done = 0;
        for (int round = 0; round < lastRound; round++) {
            for (Segment segment : Segment.SUITE) {
                if (round >= mode.rounds(segment.role())) {
                    continue;
                }
                for (String benchmark : segment.order(round)) {
                    done++;
                    runFork(segment, round, benchmark, done, total);
                    document.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
                    json.writeValue(out.toFile(), document);
                }
            }
        }
        jmhLog.close();
        System.out.printf(Locale.ROOT, "%d forks in %.1f min, %d failed%n", total, (System.nanoTime() - start) / 60e9, failures.size());
    }

    private void runFork(Segment segment, int round, String benchmark, int done, int total) {
        double loadBefore = LoadAverage.oneMinute();
        String where = String.format(Locale.ROOT, "[%d/%d] %s round %d: %s", done, total, segment.name(), round + 1, benchmark);
        try {
            RunResult result = runJmh(segment, benchmark);
            double loadAfter = LoadAverage.oneMinute();
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            ForkFigure figure = new ForkFigure(segment.name(), round, benchmark, result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore(), loadBefore, loadAfter);
            figure.writeTo(forks.addObject());
            System.out.printf(Locale.ROOT, "%s %s %s (load %.2f → %.2f)%n", where,
                    ResultsReport.format(figure.score()), figure.unit(), loadBefore, loadAfter);
        } catch (RunnerException | RuntimeException failed) {
            failures.addObject().put("segment", segment.name()).put("round", round).put("benchmark", benchmark)
                    .put("error", String.valueOf(failed));
            System.out.println(where + " FAILED: " + failed + " (see jmh.log)");
        }
    }

    private RunResult runJmh(Segment segment, String benchmark) throws RunnerException {
        RunMode.Settings settings = mode.settings(segment.role(), segment.kind());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(PACKAGE + benchmark) + "$")
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmup().toMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iteration().toMillis()))
                .shouldFailOnError(true);
        if (segment.kind() == Segment.Kind.IN_MEMORY) {
            options.addProfiler(GCProfiler.class);
        }
        jmhLog.println("==== " + segment.name() + ": " + benchmark);
        OutputFormat format = OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL);
        Collection<RunResult> results = new Runner(options.build(), format).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result for " + benchmark + ", JMH gave " + results.size());
        }
        return results.iterator().next();
    }

    private String settingsText(Segment segment) {
        return mode.settings(segment.role(), segment.kind()).shown() + " -f 1"
                + (segment.kind() == Segment.Kind.IN_MEMORY ? " -prof gc" : "");
    }
}
