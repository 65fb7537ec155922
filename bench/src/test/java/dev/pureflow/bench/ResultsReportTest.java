package dev.pureflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report end to end, from made-up forks whose ratios are known. */
class ResultsReportTest {

    private static final String CHAIN = "SequentialChainBenchmark.";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    /** Five rounds of the steps segment: direct 3× monadic and steady; trampoline all over the place. */
    private ObjectNode forks(String mode) {
        ObjectNode document = json.createObjectNode().put("mode", mode).put("seconds", 600);
        ArrayNode segments = document.putArray("segments");
        for (Segment segment : Segment.SUITE) {
            ObjectNode node = segments.addObject().put("name", segment.name()).put("rounds", 5).put("settings", "-wi 2 -i 2");
            segment.benchmarks().forEach(node.putArray("benchmarks")::add);
        }
        ArrayNode forks = document.putArray("forks");
        double[] trampoline = {20, 40, 10, 25, 60};
        for (int round = 0; round < 5; round++) {
            double slow = 1 + round * 0.5; // every round slower than the last: the per-round ratio must not care
            add(forks, round, CHAIN + "pureflowMonadic", 30 * slow, 104);
            add(forks, round, CHAIN + "pureflowDirect", 90 * slow, 112);
            add(forks, round, CHAIN + "handWrittenTrampoline", trampoline[round] * slow, 104);
            add(forks, round, CHAIN + "pureflowMonadicUnderLoad", 60 * slow, 104);
            add(forks, round, CHAIN + "pureflowDirectUnderLoad", 900 * slow, 112);
            add(forks, round, CHAIN + "pureflowLeftNested", 45 * slow, 119);
        }
        document.putArray("failures").addObject().put("segment", Segment.FAN_OUT).put("round", 0)
                .put("benchmark", "FanOutBenchmark.pureflowParallelize").put("error", "RunnerException: boom");
        return document;
    }

    private static void add(ArrayNode forks, int round, String benchmark, double score, double bytes) {
        new ForkFigure(Segment.STEPS, round, benchmark, score, "ns/op", bytes, 1.5 + round, 2.0).writeTo(forks.addObject());
    }

    private String render(ObjectNode forks) throws Exception {
        Files.writeString(dir.resolve("machine.properties"), "date=2026-11-29 17:00 UTC\ncpus=2\ncpu=AMD EPYC\nmemory=23.5 GiB\n"
                + "loadBefore=1.0 1.0 1.0\nloadAfter=2.0 2.0 2.0\njdk=openjdk 25\n");
        json.writeValue(dir.resolve("forks.json").toFile(), forks);
        json.writeValue(dir.resolve("probe.json").toFile(), json.createObjectNode()
                .put("pureflowMonadic10M", "ok in 469 ms").put("pureflowLeftNested10M", "ok in 3980 ms")
                .put("reactorOverflowN", 2500).put("threadStackSizeKiB", 1024));
        json.writeValue(dir.resolve("jobs.json").toFile(), json.createObjectNode().put("jobs", 100)
                .put("platformPerJob", 2.0).put("virtualPerJob", 1.0).put("jdkPerJob", 1.0).put("totalPerJob", 3.0)
                .put("backToBaseline", true).put("load", 1.5));
        Files.writeString(dir.resolve("ANALYSIS.md"), "## Analysis\n\nhand-written\n");
        ResultsReport.main(new String[] {dir.toString(), dir.resolve("RESULTS.md").toString(), dir.resolve("ANALYSIS.md").toString()});
        return Files.readString(dir.resolve("RESULTS.md"));
    }

    private static String rowOf(String report, String label) {
        return report.lines().filter(line -> line.startsWith("| " + label + " |")).findFirst().orElseThrow();
    }

    @Test
    void a_steady_row_is_judged_on_its_median_and_a_scattered_one_is_unsettled() throws Exception {
        String report = render(forks("short"));

        assertThat(rowOf(report, "direct step ÷ monadic step"))
                .contains("**3.00×**", "3.00–3.00 (+0%/+0%)", "| 5 |", "≤ 2.00× (issue 9)", "**not met**");
        assertThat(rowOf(report, "left-nested step ÷ right-nested step")).contains("**1.50×**", "| met |");
        // trampoline ratios 1.5, 0.75, 3, 1.2, 0.5: median 1.2, middle half 0.75–1.5
        assertThat(rowOf(report, "monadic step ÷ hand-written trampoline"))
                .contains("**1.20×**", "0.75–1.50 (-37%/+25%)", "0.50–3.00", "| unsettled |");
        assertThat(rowOf(report, "direct step's growth under load ÷ monadic step's growth")).contains("**5.00×**", "**not met**");
        assertThat(rowOf(report, "↳ direct step under load ÷ idle")).contains("**10.0×**", "| — |");
    }

    @Test
    void rows_without_forks_are_not_run_and_counted_as_not_judged() throws Exception {
        String report = render(forks("short"));

        assertThat(rowOf(report, "fan-out: parallelize(10_000) ÷ virtual thread per task")).contains("| 0 |", "| not run |");
        String unjudged = report.substring(report.indexOf("Unsettled or not run"), report.indexOf("## Figures per benchmark"));
        assertThat(unjudged).contains("monadic step ÷ hand-written trampoline", "fan-out: parallelize(10_000)", "(not run)");
        assertThat(report).contains("FanOutBenchmark.pureflowParallelize: RunnerException: boom".replace("FanOutBenchmark.", ""));
    }

    @Test
    void the_summary_lists_each_judged_target_once_under_its_verdict() throws Exception {
        String report = render(forks("short"));
        String summary = report.substring(report.indexOf("## All targets"), report.indexOf("## Figures per benchmark"));
        String met = summary.substring(summary.indexOf("Settled and met"), summary.indexOf("Settled and not met"));
        String notMet = summary.substring(summary.indexOf("Settled and not met"), summary.indexOf("Unsettled or not run"));

        assertThat(met).contains("left-nested step ÷ right-nested step (issue 9): median 1.50×", "10,000,000 monadic steps");
        assertThat(notMet).contains("direct step ÷ monadic step (issue 9): median 3.00×",
                "threads per live job (issue 9): 3.00 (2.00 platform + 1.00 virtual; not counted: the JDK's own, 1.00, its process reaper and pools)");
        assertThat(met).doesNotContain("direct step ÷ monadic step");
    }

    @Test
    void the_report_explains_settling_shows_figures_and_loads_and_appends_the_analysis() throws Exception {
        String report = render(forks("short"));

        assertThat(report).contains("within ±15% of its median", "middle half", "**unsettled**");
        assertThat(rowOf(report, "pureflowDirect")).contains("| 180 ns/op |", "90.0–270", "| 112 |", "| 5 |");
        assertThat(report).contains("| 2 | reversed | 6 | 2.50–2.50 |");
        assertThat(report).doesNotContain("Smoke run").endsWith("## Analysis\n\nhand-written\n");
    }

    @Test
    void figures_keep_three_significant_digits_and_small_ratios_do_not_round_to_zero() {
        assertThat(List.of(ResultsReport.format(57133), ResultsReport.format(31.04), ResultsReport.format(1.114),
                ResultsReport.format(0.46), ResultsReport.format(0.0043))).containsExactly("57133", "31.0", "1.11", "0.46", "0.0043");
    }

    @Test
    void a_smoke_run_says_its_figures_mean_nothing() throws Exception {
        assertThat(render(forks("smoke"))).contains("**Smoke run**", "`bench/run --smoke`");
    }

    @Test
    void the_thread_counter_reads_platform_and_virtual_threads_from_a_json_thread_dump() throws Exception {
        JsonNode dump = json.readTree("""
                {"threadDump": {"threadContainers": [
                  {"container": "<root>", "threads": [{"tid": "1", "name": "main"}, {"tid": "23", "name": "", "virtual": true},
                    {"tid": "30", "name": "process reaper (pid 4242)"}]},
                  {"container": "pureflow-pool", "parent": "<root>", "threads": [{"tid": "24", "name": "worker"}]},
                  {"container": "ForkJoinPool-1/jdk.internal.vm.SharedThreadContainer@12d4bf7e", "threads": [{"tid": "25", "name": "ForkJoinPool-1-worker-1"}]},
                  {"container": "empty", "threads": []}]}}
                """);
        assertThat(JobThreadsProbe.countIn(dump)).isEqualTo(new JobThreadsProbe.ThreadCount(2, 1, 2));
        assertThat(List.of(JobThreadsProbe.count().platform())).allSatisfy(platform -> assertThat(platform).isPositive());
    }
}
