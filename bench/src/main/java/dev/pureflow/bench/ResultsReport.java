package dev.pureflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes {@code bench/RESULTS.md} from one run of {@code bench/run}: the per-fork figures
 * {@link AlternatingForks} recorded in {@code forks.json}, the {@link StackProbe} and
 * {@link JobThreadsProbe} facts, and the machine facts {@code bench/run} recorded. Each row is a
 * ratio taken per round (see {@link Row}), shown as its median over the forks with the spread of
 * the middle half ({@link ForkSpread}); a row is judged against its target only when settled.
 *
 * <p>Usage: {@code ResultsReport RESULTS_DIR OUT.md ANALYSIS.md}, where {@code RESULTS_DIR} holds
 * {@code forks.json}, {@code probe.json}, {@code jobs.json} and {@code machine.properties}, and
 * {@code ANALYSIS.md} (hand-written: why missed targets are missed, from profiles) is appended as it is.
 */
public final class ResultsReport {

    static final String ISSUE_9 = "issue 9";
    static final String ISSUE_5 = "issue 5";
    static final String ISSUE_13 = "issue 13";

    private static final String CHAIN = "SequentialChainBenchmark.";
    private static final String ROUND_TRIP = "GeneratorRoundTripBenchmark.";
    private static final String FAN = "FanOutBenchmark.";
    private static final String PROCESS = "ProcessBenchmark.";
    private static final String COMBINATOR = "CombinatorOverheadBenchmark.";
    private static final String OBSERVED = "ObservabilityOverheadBenchmark.";

    /** Issue 9's rows, in the order the report shows them. */
    static final List<Row> TARGET_ROWS = List.of(
            Row.pair("direct step ÷ monadic step", Segment.STEPS,
                    CHAIN + "pureflowDirect", CHAIN + "pureflowMonadic", Target.atMost(2, ISSUE_9)),
            new Row("direct step's growth under load ÷ monadic step's growth", Segment.STEPS,
                    List.of(CHAIN + "pureflowDirectUnderLoad", CHAIN + "pureflowMonadic"),
                    List.of(CHAIN + "pureflowDirect", CHAIN + "pureflowMonadicUnderLoad"), Target.atMost(1, ISSUE_9)),
            Row.pair("↳ direct step under load ÷ idle", Segment.STEPS,
                    CHAIN + "pureflowDirectUnderLoad", CHAIN + "pureflowDirect", Target.NONE),
            Row.pair("↳ monadic step under load ÷ idle", Segment.STEPS,
                    CHAIN + "pureflowMonadicUnderLoad", CHAIN + "pureflowMonadic", Target.NONE),
            Row.pair("monadic step ÷ hand-written trampoline", Segment.STEPS,
                    CHAIN + "pureflowMonadic", CHAIN + "handWrittenTrampoline", Target.atMost(1.2, ISSUE_9)),
            Row.pair("left-nested step ÷ right-nested step", Segment.STEPS,
                    CHAIN + "pureflowLeftNested", CHAIN + "pureflowMonadic", Target.atMost(2, ISSUE_9)),
            Row.pair("fan-out: parallelize(10_000) ÷ virtual thread per task", Segment.FAN_OUT,
                    FAN + "pureflowParallelize", FAN + "virtualThreadPerTask", Target.atMost(1.3, ISSUE_9)),
            Row.pair("`/bin/true` sequential ÷ raw", Segment.SPAWN,
                    PROCESS + "pureflowTrueSequential", PROCESS + "rawTrueSequential", Target.throughputAtLeast(0.9, ISSUE_9)),
            Row.pair("`/bin/true` 2 in parallel ÷ raw", Segment.SPAWN,
                    PROCESS + "pureflowTrueParallel2", PROCESS + "rawTrueParallel2", Target.throughputAtLeast(0.9, ISSUE_9)),
            Row.pair("`/bin/true` 8 in parallel ÷ raw", Segment.SPAWN,
                    PROCESS + "pureflowTrueParallel8", PROCESS + "rawTrueParallel8", Target.throughputAtLeast(0.9, ISSUE_9)));

    /** Issue 13: what observing a run adds to a step, in ns (differences, not ratios), with its context. */
    static final List<Row> OBSERVE_ROWS = List.of(
            Row.difference("metrics listener (`PureflowMetrics`) − bare step", Segment.OBSERVE,
                    OBSERVED + "underMetricsListener", OBSERVED + "bareStep", Target.addsAtMost(100, ISSUE_13)),
            Row.difference("↳ no-op listener (the runner's listened path) − bare step", Segment.OBSERVE,
                    OBSERVED + "underNoOpListener", OBSERVED + "bareStep", Target.NONE),
            Row.difference("↳ tracing listener (`PureflowTracing`, SDK, no exporter) − bare step", Segment.OBSERVE,
                    OBSERVED + "underTracingListener", OBSERVED + "bareStep", Target.NONE));

    /** The comparisons of issue 5, kept for context (with issue 5's targets where it set one). */
    static final List<Row> CONTEXT_ROWS = List.of(
            Row.pair("monadic step ÷ plain loop", Segment.ALTERNATIVES,
                    CHAIN + "pureflowMonadic", CHAIN + "plainLoop", Target.NONE),
            Row.pair("monadic step ÷ `CompletableFuture` (deferred)", Segment.ALTERNATIVES,
                    CHAIN + "pureflowMonadic", CHAIN + "completableFutureDeferred", Target.faster(ISSUE_5)),
            Row.pair("monadic step ÷ Reactor, N = 200", Segment.ALTERNATIVES,
                    CHAIN + "pureflowMonadic", CHAIN + "reactorMonoN200", Target.faster(ISSUE_5)),
            Row.pair("monadic step ÷ Reactor, N = 100,000 with `-Xss1g`", Segment.ALTERNATIVES,
                    CHAIN + "pureflowMonadic", CHAIN + "reactorMonoLargeStack", Target.faster(ISSUE_5)),
            Row.pair("monadic step ÷ vavr `Future`", Segment.ALTERNATIVES,
                    CHAIN + "pureflowMonadic", CHAIN + "vavrFuture", Target.NONE),
            Row.pair("direct-style step ÷ raw `Exchanger` round trip", Segment.ALTERNATIVES,
                    ROUND_TRIP + "pureflowGenerator", ROUND_TRIP + "rawExchanger", Target.atMost(1.5, ISSUE_5)),
            Row.pair("direct-style step ÷ raw `SynchronousQueue` round trip", Segment.ALTERNATIVES,
                    ROUND_TRIP + "pureflowGenerator", ROUND_TRIP + "rawSynchronousQueue", Target.NONE),
            Row.pair("fan-out: parallelize(10_000) ÷ `supplyAsync` on the common pool", Segment.ALTERNATIVES,
                    FAN + "pureflowParallelize", FAN + "completableFutureSupplyAsync", Target.NONE),
            Row.pair("`logged()` (logger off) ÷ bare executor", Segment.ALTERNATIVES,
                    COMBINATOR + "underLogged", COMBINATOR + "bareExecutor", Target.NONE),
            Row.pair("`timed` ÷ bare executor", Segment.ALTERNATIVES,
                    COMBINATOR + "underTimed", COMBINATOR + "bareExecutor", Target.NONE),
            Row.pair("`retried` (no failures) ÷ bare executor", Segment.ALTERNATIVES,
                    COMBINATOR + "underRetried", COMBINATOR + "bareExecutor", Target.NONE),
            Row.pair("all three ÷ bare executor", Segment.ALTERNATIVES,
                    COMBINATOR + "underAllThree", COMBINATOR + "bareExecutor", Target.NONE),
            Row.pair("50 MB capture ÷ raw chunked read", Segment.OUTPUT,
                    PROCESS + "pureflowCapture50MB", PROCESS + "rawCapture50MB", Target.throughputAtLeast(0.8, ISSUE_5)),
            Row.pair("50 MB capture ÷ raw `readAllBytes`", Segment.OUTPUT,
                    PROCESS + "pureflowCapture50MB", PROCESS + "rawReadAllBytes50MB", Target.NONE),
            Row.pair("50 MB on stdout and stderr ÷ raw", Segment.OUTPUT,
                    PROCESS + "pureflowBothStreams50MB", PROCESS + "rawBothStreams50MB", Target.NONE),
            Row.pair("diagnostic: raw `/bin/true` waiting through `onExit()` ÷ raw", Segment.OUTPUT,
                    PROCESS + "diagnosticRawTrueOnExit", PROCESS + "rawTrueSequential", Target.NONE),
            Row.pair("diagnostic: raw `/bin/true` drained on virtual threads ÷ raw", Segment.OUTPUT,
                    PROCESS + "diagnosticRawTrueDrainOnVirtualThreads", PROCESS + "rawTrueSequential", Target.NONE),
            Row.pair("diagnostic: raw 50 MB capture read on a virtual thread ÷ raw", Segment.OUTPUT,
                    PROCESS + "diagnosticRawCaptureOnVirtualThread", PROCESS + "rawCapture50MB", Target.NONE));

    /** Issue 9: a live job may cost at most this many threads. */
    static final double THREADS_PER_JOB_TARGET = 2;

    private final List<ForkFigure> figures;
    private final JsonNode forks;
    private final StringBuilder out = new StringBuilder();
    private final List<String> met = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private final List<String> unsettled = new ArrayList<>();

    ResultsReport(JsonNode forks) {
        this.forks = forks;
        List<ForkFigure> read = new ArrayList<>();
        forks.path("forks").forEach(fork -> read.add(ForkFigure.readFrom(fork)));
        this.figures = List.copyOf(read);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ResultsReport RESULTS_DIR OUT.md ANALYSIS.md");
        }
        Path dir = Path.of(args[0]);
        Properties machine = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("machine.properties"))) {
            machine.load(reader);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode stack = json.readTree(dir.resolve("probe.json").toFile());
        JsonNode jobs = json.readTree(dir.resolve("jobs.json").toFile());
        ResultsReport report = new ResultsReport(json.readTree(dir.resolve("forks.json").toFile()));
        Path analysis = Path.of(args[2]);
        String notes = Files.exists(analysis) ? Files.readString(analysis) : "(no " + analysis + " yet)\n";
        Files.writeString(Path.of(args[1]), report.render(machine, stack, jobs) + "\n" + notes);
    }

    String render(Properties machine, JsonNode stack, JsonNode jobs) {
        String mode = forks.path("mode").asText();
        line("# pureflow benchmark results");
        line("");
        if (mode.equals("smoke")) {
            line("> **Smoke run** (`bench/run --smoke`): one short iteration per fork, to check that every benchmark, "
                    + "row and this report work. Its figures and verdicts mean nothing.");
            line("");
        }
        line("Produced by `bench/run" + (mode.equals("short") ? "" : " --" + mode) + "` on a shared "
                + machine.getProperty("cpus") + "-core machine on which other work may be running: read the ratios, "
                + "which are taken between forks run back to back, not absolute times across runs.");
        line("");
        line("| | |");
        line("|---|---|");
        line("| date | " + machine.getProperty("date") + " |");
        line("| CPU | " + machine.getProperty("cpu") + " |");
        line("| cores (`nproc`) | " + machine.getProperty("cpus") + " |");
        line("| memory | " + machine.getProperty("memory") + " |");
        line("| load average before the run (1, 5, 15 min) | " + machine.getProperty("loadBefore") + " |");
        line("| load average after the run | " + machine.getProperty("loadAfter") + " |");
        line("| JDK | " + machine.getProperty("jdk") + " |");
        line("| mode | `" + mode + "`: " + figures.size() + " forks in " + Math.round(forks.path("seconds").asDouble() / 60)
                + " min" + (forks.path("failures").isEmpty() ? "" : ", " + forks.path("failures").size() + " failed (listed below)") + " |");
        line("| every fork | `-Xms1g -Xmx1g -XX:+AlwaysPreTouch` (and `-Xss1g` for `reactorMonoLargeStack`) |");
        line("");
        line("| segment | rounds (forks per benchmark) | JMH settings per fork | benchmarks, in the order of even rounds |");
        line("|---|---|---|---|");
        for (JsonNode segment : forks.path("segments")) {
            List<String> names = new ArrayList<>();
            segment.path("benchmarks").forEach(name -> names.add(shortName(name.asText())));
            line("| " + segment.path("name").asText() + " | " + segment.path("rounds").asInt() + " | `"
                    + segment.path("settings").asText() + "` | " + String.join(", ", names) + " |");
        }

        line("");
        line("## How to read the rows");
        line("");
        line("- **Alternating forks.** Each benchmark runs in one JMH fork (a JVM of its own) per round. A round runs "
                + "every benchmark of a segment once, in the order above on even rounds and reversed on odd ones, so the "
                + "two sides of a pair run seconds apart and each goes first in every other round; the rounds of all "
                + "segments are interleaved. A fork's figure is the mean of its measurement iterations.");
        line("- **Ratio per fork.** A row's ratio is taken within each round: pureflow's figure ÷ the alternative's "
                + "(below 1, pureflow is faster). The row shows the **median** of these per-fork ratios, the **middle half** "
                + "(the range left after dropping the lowest and the highest quarter of the forks, rounded down: none of 3, "
                + "one of 5 at each end, three of 12) with its offsets from the median, and the full min–max.");
        line("- **Settled.** A row is settled when it has at least " + ForkSpread.MIN_FORKS + " forks and its middle half "
                + "lies within ±" + ForkSpread.TOLERANCE_PERCENT + "% of its median. Only a settled row is judged: "
                + "**met** or **not met** on its median. Otherwise it is **unsettled** and counts neither way; rerun it on a "
                + "quieter machine or with `bench/run --long`.");
        line("- **Differences.** Issue 13's rows are differences, not ratios: a listener's figure − the bare step's, "
                + "per round, in ns per step (what observing adds). Their median, middle half and settling are read the same "
                + "way, the ±" + ForkSpread.TOLERANCE_PERCENT + "% taken of the median difference.");
        line("- **Load.** The 1-minute load average (`/proc/loadavg`) at the start of each fork the row reads, lowest–highest. "
                + "The run's own fork adds about 1 (a benchmark thread), an under-load fork about 3.");

        line("");
        line("## Issue 9 targets");
        line("");
        rowTableHeader();
        TARGET_ROWS.forEach(this::row);
        threadsPerJob(jobs);
        line("");
        line("Per-fork ratio of each row: steps, per step (direct style at 100,000 steps per run, the others at 1,000,000); "
                + "\"under load\" forks run with two platform threads spinning on the two cores (`BusyBackground`), and the "
                + "growth row is (direct under load ÷ direct) ÷ (monadic under load ÷ monadic) within each round, so at most 1 "
                + "means the direct step suffers no more from busy cores than the monadic one. The right-nested chain is "
                + "`pureflowMonadic` (`perform(step).flatMap(x -> rest)`); the left-nested one is built up front, building "
                + "included. Fan-out: per task. `/bin/true`: 300 runs, per process.");

        line("");
        line("## Issue 13 target: what observing a run adds to a step");
        line("");
        rowTableHeader();
        OBSERVE_ROWS.forEach(this::row);
        line("");
        line("Per-fork difference of each row: the 100,000-step monadic flow of `Increment`s, per step, run bare, under a "
                + "`StepListener` that does nothing, under `PureflowMetrics` on a `SimpleMeterRegistry` (a timer record and "
                + "the in-flight gauge per step) and under `PureflowTracing` with the OpenTelemetry SDK (every span sampled, "
                + "no exporter: a span made, made current and ended per step).");

        line("");
        line("## Context: the comparisons of issue 5");
        line("");
        line("Fewer rounds than the targets above. Combinators run the 1,000,000-step monadic flow (logger present but off); "
                + "captures are per 50 MB run; the diagnostic rows are raw forms with one thing done as the executor does it.");
        line("");
        rowTableHeader();
        CONTEXT_ROWS.forEach(this::row);
        line("");
        String monadic10M = stack.path("pureflowMonadic10M").asText();
        boolean tenMillionOk = monadic10M.startsWith("ok");
        line("- **10,000,000 steps on the default stack** (" + stack.path("threadStackSizeKiB").asText() + " KiB; issue 5 target: "
                + "runs): monadic " + monadic10M + "; left-nested " + stack.path("pureflowLeftNested10M").asText() + " → **"
                + (tenMillionOk ? "met" : "not met") + "**.");
        (tenMillionOk ? met : missed).add("10,000,000 monadic steps on the default stack (issue 5)");
        line("- **Reactor `Mono.flatMap` overflows the default stack** at a chain of about **"
                + stack.path("reactorOverflowN").asText() + "** steps (found by bisection on fresh threads; "
                + "-1 would mean it never did up to 100,000,000).");

        line("");
        line("## All targets");
        line("");
        line("Settled and met (" + met.size() + "):");
        line("");
        met.forEach(item -> line("- " + item));
        line("");
        line("Settled and not met (" + missed.size() + "):");
        line("");
        missed.forEach(item -> line("- " + item));
        line("");
        line("Unsettled or not run, so not judged (" + unsettled.size() + "):");
        line("");
        unsettled.forEach(item -> line("- " + item));

        line("");
        line("## Figures per benchmark");
        line("");
        line("Median of the forks' figures, with their lowest–highest; B/op is the median `gc.alloc.rate.norm` "
                + "(`-prof gc`, in-memory segments only).");
        for (JsonNode segment : forks.path("segments")) {
            figureTable(segment.path("name").asText());
        }

        line("");
        line("## Load per round");
        line("");
        line("| round | order | forks | 1-min load at their start, lowest–highest |");
        line("|---|---|---|---|");
        figures.stream().mapToInt(ForkFigure::round).distinct().sorted().forEach(round -> {
            List<Double> loads = figures.stream().filter(figure -> figure.round() == round).map(ForkFigure::loadBefore).toList();
            line("| " + (round + 1) + " | " + (round % 2 == 0 ? "as listed" : "reversed") + " | " + loads.size() + " | "
                    + range(loads) + " |");
        });
        if (!forks.path("failures").isEmpty()) {
            line("");
            line("Failed forks (their rows lose that round; JMH's output is in `bench/target/results/jmh.log`):");
            line("");
            forks.path("failures").forEach(failure -> line("- " + failure.path("segment").asText() + ", round "
                    + (failure.path("round").asInt() + 1) + ": " + shortName(failure.path("benchmark").asText()) + ": "
                    + failure.path("error").asText()));
        }
        line("");
        line("Why a missed target is missed, with the profiles, and what it would take: see the analysis below. It is "
                + "written by hand in `bench/ANALYSIS.md` from a run's profiles and copied here as it is: check that its "
                + "figures are from a run like this one.");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private void rowTableHeader() {
        line("| row | median | middle half | min–max | forks | load | target | verdict |");
        line("|---|---|---|---|---|---|---|---|");
    }

    private void row(Row row) {
        Optional<ForkSpread> spread = row.spread(figures);
        Verdict verdict = row.target().judge(spread);
        String load = range(row.loads(figures));
        String target = row.target().exists() ? row.target().text() + " (" + row.target().issue() + ")" : "—";
        line(spread.map(s -> "| " + row.label() + " | **" + row.shown(s.median()) + "** | " + format(s.low()) + "–" + format(s.high())
                        + " (" + s.relativeSpread() + ") | " + format(s.min()) + "–" + format(s.max()) + " | " + s.forks() + " | "
                        + load + " | " + target + " | " + verdict.shown() + " |")
                .orElse("| " + row.label() + " | — | — | — | 0 | " + load + " | " + target + " | " + verdict.shown() + " |"));
        String summary = row.label() + " (" + row.target().issue() + "): "
                + spread.map(s -> "median " + row.shown(s.median()) + ", middle half " + format(s.low()) + "–" + format(s.high())
                        + " over " + s.forks() + (s.forks() == 1 ? " fork" : " forks")).orElse("no fork") + ", target " + row.target().text();
        switch (verdict) {
            case MET -> met.add(summary);
            case NOT_MET -> missed.add(summary);
            case UNSETTLED, NOT_RUN -> unsettled.add(summary + " (" + verdict.shown() + ")");
            case NO_TARGET -> { }
        }
    }

    /** The threads probe counts, it does not time: one run is exact, so the row is settled by nature. */
    private void threadsPerJob(JsonNode jobs) {
        if (!jobs.has("totalPerJob")) {
            line("| threads per live job | — | — | — | 0 | — | ≤ 2 (" + ISSUE_9 + ") | not run |");
            unsettled.add("threads per live job (" + ISSUE_9 + "): not run");
            return;
        }
        double perJob = jobs.path("totalPerJob").asDouble();
        boolean ok = perJob <= THREADS_PER_JOB_TARGET;
        String figure = format(perJob) + " (" + format(jobs.path("platformPerJob").asDouble()) + " platform + "
                + format(jobs.path("virtualPerJob").asDouble()) + " virtual; not counted: the JDK's own, "
                + format(jobs.path("jdkPerJob").asDouble()) + ", its process reaper and pools)";
        line("| threads per live job (" + jobs.path("jobs").asInt() + " `sleep` jobs, counted by `JobThreadsProbe`) | **"
                + figure + "** | counted, exact | — | 1 | " + format(jobs.path("load").asDouble()) + " | ≤ "
                + format(THREADS_PER_JOB_TARGET) + " (" + ISSUE_9 + ") | " + (ok ? Verdict.MET : Verdict.NOT_MET).shown() + " |");
        String summary = "threads per live job (" + ISSUE_9 + "): " + figure + ", target ≤ " + format(THREADS_PER_JOB_TARGET)
                + "; back to the baseline after the jobs were killed: " + (jobs.path("backToBaseline").asBoolean() ? "yes" : "NO");
        (ok ? met : missed).add(summary);
    }

    private void figureTable(String segment) {
        List<String> benchmarks = new ArrayList<>();
        for (JsonNode node : forks.path("segments")) {
            if (node.path("name").asText().equals(segment)) {
                node.path("benchmarks").forEach(name -> benchmarks.add(name.asText()));
            }
        }
        line("");
        line("Segment **" + segment + "**:");
        line("");
        line("| benchmark | median | lowest–highest | B/op | forks |");
        line("|---|---|---|---|---|");
        for (String benchmark : benchmarks) {
            List<ForkFigure> mine = figures.stream()
                    .filter(figure -> figure.segment().equals(segment) && figure.benchmark().equals(benchmark)).toList();
            Optional<ForkSpread> scores = ForkSpread.of(mine.stream().map(ForkFigure::score).toList());
            String unit = mine.isEmpty() ? "" : " " + mine.getFirst().unit();
            List<Double> bytes = mine.stream().map(ForkFigure::bytesPerOp).filter(value -> !value.isNaN()).toList();
            String allocation = bytes.isEmpty() ? "—" : format(median(bytes));
            line("| " + shortName(benchmark) + " | " + scores.map(s -> format(s.median()) + unit).orElse("not run") + " | "
                    + scores.map(s -> format(s.min()) + "–" + format(s.max())).orElse("—") + " | " + allocation + " | "
                    + mine.size() + " |");
        }
    }

    static double median(Collection<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String range(Collection<Double> values) {
        List<Double> known = values.stream().filter(value -> !value.isNaN()).sorted().toList();
        return known.isEmpty() ? "—" : format(known.getFirst()) + "–" + format(known.getLast());
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    /** Three significant digits at most, and no fewer than two decimals below 10 (a ratio of 0.004 is not 0.00). */
    static String format(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 0.1 || magnitude == 0 ? "%.2f" : "%.2g";
        return String.format(Locale.ROOT, pattern, value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
