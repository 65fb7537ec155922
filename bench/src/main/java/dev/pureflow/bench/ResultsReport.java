package dev.pureflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;

/**
 * Writes {@code bench/RESULTS.md} from one run of the suite: the JMH JSON result files, the
 * {@link StackProbe} facts and the machine facts {@code bench/run} recorded before the run. Each
 * row puts a pureflow figure beside one alternative's figure from the same run, with their ratio
 * and the target of issue 5, and says whether the target is met.
 *
 * <p>Usage: {@code ResultsReport RESULTS_DIR OUT.md ANALYSIS.md}, where {@code RESULTS_DIR} holds
 * {@code jmh-*.json}, {@code probe.json} and {@code machine.properties}, and {@code ANALYSIS.md}
 * (hand-written: why missed targets are missed, from profiles) is appended as it is.
 */
public final class ResultsReport {

    private static final String PACKAGE = "dev.pureflow.bench.";

    /** One benchmark's figure: mean time per step (or per process, per capture) and bytes per step. */
    record Figure(double score, double error, String unit, Optional<Double> bytesPerOp) {
        String shown() {
            return format(score) + " ± " + format(error) + " " + unit;
        }
    }

    /** What a row asks of its ratio or figure. */
    record Target(String text, DoublePredicate met) {
        static final Target NONE = new Target("—", value -> true);
    }

    private final Map<String, Figure> figures;
    private final StringBuilder out = new StringBuilder();
    private final List<String> met = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();

    private ResultsReport(Map<String, Figure> figures) {
        this.figures = figures;
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
        JsonNode probe = new ObjectMapper().readTree(dir.resolve("probe.json").toFile());
        ResultsReport report = new ResultsReport(readFigures(dir));
        Path analysis = Path.of(args[2]);
        String notes = Files.exists(analysis) ? Files.readString(analysis) : "(no " + analysis + " yet)\n";
        Files.writeString(Path.of(args[1]), report.render(machine, probe) + "\n" + notes);
    }

    private static Map<String, Figure> readFigures(Path dir) throws IOException {
        Map<String, Figure> figures = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList()) {
                for (JsonNode run : json.readTree(file.toFile())) {
                    JsonNode primary = run.get("primaryMetric");
                    JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
                    figures.put(run.get("benchmark").asText().substring(PACKAGE.length()), new Figure(
                            primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
                            primary.get("scoreUnit").asText(),
                            alloc.isMissingNode() ? Optional.empty() : Optional.of(alloc.get("score").asDouble())));
                }
            }
        }
        return figures;
    }

    private String render(Properties machine, JsonNode probe) {
        line("# pureflow benchmark results");
        line("");
        line("Produced by `bench/run` (issue 5). **The figures are noisy**: this is a shared "
                + machine.getProperty("cpus") + "-core machine on which other builds may be running (see the load "
                + "average); compare the ratios within this run, not absolute times across runs.");
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
        line("| JMH settings | " + machine.getProperty("settings") + " |");
        line("| every fork | `-Xms1g -Xmx1g -XX:+AlwaysPreTouch` |");
        line("");
        line("Figures are JMH average time per step (per task, per process, per capture: see each section) "
                + "± the 99.9% error JMH reports (one op = one step, task, process or capture, as each section says); B/step is `gc.alloc.rate.norm` from `-prof gc` where it was run. "
                + "**Ratio** is pureflow's time ÷ the alternative's time (below 1: pureflow is faster).");

        section("1. Sequential chain of N steps (each adds 1 to a long)",
                "N = 1,000,000; Reactor at N = 200 and, in a fork with `-Xss1g`, at N = 100,000; vavr and direct style at N = 100,000. Per step.");
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.plainLoop", Target.NONE);
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.handWrittenTrampoline", Target.NONE);
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.completableFutureDeferred",
                new Target("faster (ratio < 1)", ratio -> ratio < 1));
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.reactorMonoN200",
                new Target("faster (ratio < 1)", ratio -> ratio < 1));
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.reactorMonoLargeStack",
                new Target("faster (ratio < 1)", ratio -> ratio < 1));
        compare("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", "SequentialChainBenchmark.vavrFuture", Target.NONE);
        absolute("pureflowMonadic", "SequentialChainBenchmark.pureflowMonadic", new Target("≤ 10 ns/step", ns -> ns <= 10));
        compare("pureflowLeftNested", "SequentialChainBenchmark.pureflowLeftNested", "SequentialChainBenchmark.completableFutureDeferred", Target.NONE);
        absolute("pureflowLeftNested", "SequentialChainBenchmark.pureflowLeftNested", new Target("≤ 50 ns/step", ns -> ns <= 50));
        compare("pureflowDirect", "SequentialChainBenchmark.pureflowDirect", "SequentialChainBenchmark.pureflowMonadic", Target.NONE);
        line("");
        String monadic10M = probe.path("pureflowMonadic10M").asText();
        String leftNested10M = probe.path("pureflowLeftNested10M").asText();
        boolean tenMillionOk = monadic10M.startsWith("ok");
        line("- **10,000,000 steps on the default stack** (" + probe.path("threadStackSizeKiB").asText() + " KiB; target: runs): "
                + "monadic " + monadic10M + "; left-nested " + leftNested10M + " → **" + (tenMillionOk ? "met" : "NOT met") + "**.");
        (tenMillionOk ? met : missed).add("10,000,000 monadic steps on the default stack");
        line("- **Reactor `Mono.flatMap` overflows the default stack** at a chain of about **"
                + probe.path("reactorOverflowN").asText() + "** steps (found by bisection on fresh threads; "
                + "-1 would mean it never did up to 100,000,000).");
        line("- **Allocation per step** (`gc.alloc.rate.norm`):");
        line("");
        line("| benchmark | B/step |");
        line("|---|---|");
        figures.keySet().stream().filter(name -> name.startsWith("SequentialChainBenchmark.")).sorted().forEach(name ->
                line("| " + shortName(name) + " | " + figures.get(name).bytesPerOp().map(ResultsReport::format).orElse("not measured") + " |"));

        section("2. Generator step round trip (action out, result back)",
                "100,000 steps per invocation; driver and body on two virtual threads in every form. Per step.");
        compare("pureflowGenerator", "GeneratorRoundTripBenchmark.pureflowGenerator", "GeneratorRoundTripBenchmark.rawExchanger",
                new Target("≤ 1.5×", ratio -> ratio <= 1.5));
        compare("pureflowGenerator", "GeneratorRoundTripBenchmark.pureflowGenerator", "GeneratorRoundTripBenchmark.rawSynchronousQueue", Target.NONE);

        section("3. Fan-out of 10,000 tiny in-memory actions",
                "pureflow: one parallel block under `parallelize(10_000)`. Per task.");
        compare("pureflowParallelize", "FanOutBenchmark.pureflowParallelize", "FanOutBenchmark.virtualThreadPerTask",
                new Target("≤ 1.3×", ratio -> ratio <= 1.3));
        compare("pureflowParallelize", "FanOutBenchmark.pureflowParallelize", "FanOutBenchmark.completableFutureSupplyAsync", Target.NONE);

        section("4. Processes",
                "`/bin/true` ×300: per process. Captures: per 50 MB run. Throughput ≥ x× raw means ratio ≤ 1/x.");
        compare("pureflowTrueSequential", "ProcessBenchmark.pureflowTrueSequential", "ProcessBenchmark.rawTrueSequential",
                new Target("throughput ≥ 0.9× raw (ratio ≤ 1.11)", ratio -> 1 / ratio >= 0.9));
        compare("pureflowTrueParallel2", "ProcessBenchmark.pureflowTrueParallel2", "ProcessBenchmark.rawTrueParallel2",
                new Target("throughput ≥ 0.9× raw (ratio ≤ 1.11)", ratio -> 1 / ratio >= 0.9));
        compare("pureflowTrueParallel8", "ProcessBenchmark.pureflowTrueParallel8", "ProcessBenchmark.rawTrueParallel8",
                new Target("throughput ≥ 0.9× raw (ratio ≤ 1.11)", ratio -> 1 / ratio >= 0.9));
        compare("pureflowCapture50MB", "ProcessBenchmark.pureflowCapture50MB", "ProcessBenchmark.rawCapture50MB",
                new Target("throughput ≥ 0.8× raw (ratio ≤ 1.25)", ratio -> 1 / ratio >= 0.8));
        compare("pureflowCapture50MB", "ProcessBenchmark.pureflowCapture50MB", "ProcessBenchmark.rawReadAllBytes50MB", Target.NONE);
        compare("pureflowBothStreams50MB", "ProcessBenchmark.pureflowBothStreams50MB", "ProcessBenchmark.rawBothStreams50MB", Target.NONE);
        line("");
        line("Diagnostics (no target): the raw form with one thing done as the executor does it, to show where the time goes.");
        line("");
        line("| raw variant | figure | raw | figure | ratio |");
        line("|---|---|---|---|---|");
        diagnostic("ProcessBenchmark.diagnosticRawTrueOnExit", "ProcessBenchmark.rawTrueSequential");
        diagnostic("ProcessBenchmark.diagnosticRawTrueDrainOnVirtualThreads", "ProcessBenchmark.rawTrueSequential");
        diagnostic("ProcessBenchmark.diagnosticRawCaptureOnVirtualThread", "ProcessBenchmark.rawCapture50MB");

        section("5. Combinator overhead",
                "The 1,000,000-step monadic flow; logger present but off. Per step; overhead = figure − bare.");
        for (String wrapped : List.of("underLogged", "underTimed", "underRetried", "underAllThree")) {
            compare(wrapped, "CombinatorOverheadBenchmark." + wrapped, "CombinatorOverheadBenchmark.bareExecutor", Target.NONE);
            overhead("CombinatorOverheadBenchmark." + wrapped, "CombinatorOverheadBenchmark.bareExecutor");
        }

        line("");
        line("## Targets");
        line("");
        line("Met (" + met.size() + "):");
        line("");
        met.forEach(item -> line("- " + item));
        line("");
        line("Not met (" + missed.size() + "):");
        line("");
        missed.forEach(item -> line("- " + item));
        line("");
        line("Why a missed target is missed, with the profiles, and the hot-path fixes recommended: see the "
                + "analysis below. It is written by hand in `bench/ANALYSIS.md` from a run's profiles, and copied "
                + "here as it is: check that its figures are from a run like this one.");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private boolean tableOpen;

    private void section(String title, String note) {
        line("");
        line("## " + title);
        line("");
        line(note);
        line("");
        line("| pureflow | figure | alternative | figure | ratio | target | met |");
        line("|---|---|---|---|---|---|---|");
        tableOpen = true;
    }

    private void compare(String label, String pureflow, String alternative, Target target) {
        Figure ours = figures.get(pureflow);
        Figure theirs = figures.get(alternative);
        if (ours == null || theirs == null) {
            line("| " + label + " | " + shown(ours) + " | " + shortName(alternative) + " | " + shown(theirs) + " | — | "
                    + target.text() + " | not run |");
            if (target != Target.NONE) {
                missed.add(label + " vs " + shortName(alternative) + ": not run");
            }
            return;
        }
        double ratio = ours.score() / theirs.score();
        String verdict = verdict(target, ratio, label + " vs " + shortName(alternative) + " (ratio " + format(ratio) + ", target " + target.text() + ")");
        line("| " + label + " | " + ours.shown() + " | " + shortName(alternative) + " | " + theirs.shown() + " | "
                + format(ratio) + "× | " + target.text() + " | " + verdict + " |");
    }

    private void absolute(String label, String pureflow, Target target) {
        Figure ours = figures.get(pureflow);
        if (ours == null) {
            line("| " + label + " | not run | — | — | — | " + target.text() + " | not run |");
            missed.add(label + " " + target.text() + ": not run");
            return;
        }
        String verdict = verdict(target, ours.score(), label + " " + format(ours.score()) + " " + ours.unit() + " (target " + target.text() + ")");
        line("| " + label + " | " + ours.shown() + " | (absolute) | — | — | " + target.text() + " | " + verdict + " |");
    }

    private void diagnostic(String variant, String raw) {
        Figure ours = figures.get(variant);
        Figure theirs = figures.get(raw);
        line("| " + shortName(variant) + " | " + shown(ours) + " | " + shortName(raw) + " | " + shown(theirs) + " | "
                + (ours == null || theirs == null ? "—" : format(ours.score() / theirs.score()) + "×") + " |");
    }

    private void overhead(String wrapped, String bare) {
        Figure ours = figures.get(wrapped);
        Figure theirs = figures.get(bare);
        if (ours != null && theirs != null) {
            line("| ↳ overhead | " + format(ours.score() - theirs.score()) + " " + ours.unit() + " | | | | | |");
        }
    }

    private String verdict(Target target, double value, String description) {
        if (target == Target.NONE) {
            return "—";
        }
        if (target.met().test(value)) {
            met.add(description);
            return "met";
        }
        missed.add(description);
        return "**not met**";
    }

    private static String shown(Figure figure) {
        return figure == null ? "not run" : figure.shown();
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
