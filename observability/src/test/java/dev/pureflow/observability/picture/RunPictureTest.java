package dev.pureflow.observability.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Redaction;
import dev.pureflow.StepKey;
import dev.pureflow.observability.Shop.Fetch;
import dev.pureflow.observability.Shop.Pay;
import dev.pureflow.observability.Shop.Ship;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class RunPictureTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private static TracedStep step(long number, String key, dev.pureflow.Action<?> action, long startMillis, long millis, Try<Object> outcome) {
        return new TracedStep(number, StepKey.parse(key), action, ORIGIN.plusMillis(startMillis), Duration.ofMillis(millis), outcome);
    }

    /** A checkout: a fetch, a parallel block of a ship and a failing payment, then a fetch whose answer holds every character Mermaid must not see raw. */
    static Trace checkout() {
        return new Trace(ORIGIN, List.of(
                step(1, "main#0", new Fetch("book"), 0, 12, Try.success("a book")),
                step(2, "main/1/0#0", new Ship("book"), 12, 30, Try.success("shipped")),
                step(3, "main/1/1#0", new Pay("4111-1111", 100), 12, 7, Try.failure(new IllegalStateException("card 4111-1111 declined"))),
                step(4, "main#2", new Fetch("odd"), 42, 1, Try.success("a: b; #1 <tag>"))),
                Redaction.DEFAULT.masking("card"));
    }

    /** Compares with src/test/resources/golden/NAME; the text drawn is kept in target/golden-actual/NAME to review or copy over. */
    private static void assertMatchesGolden(String actual, String name) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "golden-actual")).resolve(name);
        Files.writeString(kept, actual, StandardCharsets.UTF_8);
        try (var in = RunPictureTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s (the text drawn is in %s)", name, kept.toAbsolutePath()).isNotNull();
            assertThat(actual).as("the picture against golden/%s (the text drawn is in %s)", name, kept.toAbsolutePath())
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_sequence_diagram_of_a_parallel_run_with_a_failure_matches_its_golden_file() throws IOException {
        assertMatchesGolden(RunPicture.of(checkout(), "checkout").mermaidSequence(), "checkout-sequence.mmd");
    }

    @Test
    void the_gantt_chart_of_a_parallel_run_with_a_failure_matches_its_golden_file() throws IOException {
        assertMatchesGolden(RunPicture.of(checkout(), "checkout").mermaidGantt(), "checkout-gantt.mmd");
    }

    @Test
    void pictures_never_show_a_masked_secret() {
        RunPicture picture = RunPicture.of(checkout(), "checkout");

        assertThat(picture.mermaidSequence()).doesNotContain("4111");
        assertThat(picture.mermaidGantt()).doesNotContain("4111");
        assertThat(picture.html()).doesNotContain("4111");
    }

    @Test
    void the_svg_timeline_is_well_formed_xml_with_a_lane_per_branch_and_a_bar_per_step() throws Exception {
        String svg = RunPicture.of(checkout(), "check<out> & co").svg();

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        var titles = document.getElementsByTagName("title");
        assertThat(titles.getLength()).isEqualTo(4);
        List<String> hovers = new ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) {
            hovers.add(titles.item(i).getTextContent());
        }
        // lane by lane (main, main/1/0, main/1/1), step by step in each
        assertThat(hovers).extracting(hover -> hover.lines().findFirst().orElseThrow())
                .containsExactly("step 1 in main", "step 4 in main", "step 2 in main/1/0", "step 3 in main/1/1");
        assertThat(hovers.get(3)).contains("Pay[card=***, cents=100]", "failed: IllegalStateException: card *** declined", "at +12.000 ms, took 7.000 ms")
                .doesNotContain("4111");
        assertThat(hovers.get(1)).contains("-> a: b; #1 <tag>");
        assertThat(svg).contains(">main/1/0<", ">main/1/1<", "fill=\"#c62828\"", "fill=\"#2e7d32\"");
    }

    @Test
    void the_html_page_is_self_contained_with_no_link_and_no_script() {
        String html = RunPicture.of(checkout(), "checkout").html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContainIgnoringCase("http")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("href");
    }

    @Test
    void an_empty_trace_still_draws_a_picture() throws Exception {
        RunPicture picture = RunPicture.of(new Trace(ORIGIN, List.of()), "nothing");

        assertThat(picture.mermaidSequence()).isEqualTo("sequenceDiagram\n    participant flow\n");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(picture.svg().getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 200)
    void no_label_lets_a_mermaid_delimiter_through(@ForAll String answer) {
        Trace trace = new Trace(ORIGIN, List.of(step(1, "main#0", new Fetch(answer), 0, 1, Try.success(answer))));
        RunPicture picture = RunPicture.of(trace, answer);

        String sequence = picture.mermaidSequence();
        String gantt = picture.mermaidGantt();
        for (String diagram : List.of(sequence, gantt)) {
            for (String line : diagram.split("\n")) {
                String label = line.contains(": ") ? line.substring(line.indexOf(": ") + 2) : line;
                assertThat(label.replaceAll("#(\\d+|lt|gt);", "")).doesNotContain(";", "#", "<", ">");
            }
        }
        // one line per statement: no answer can start a statement of its own
        assertThat(sequence.split("\n")).hasSize(5);
        assertThat(gantt.split("\n")).hasSize(6);
    }

    @Property(tries = 100)
    void the_svg_is_well_formed_whatever_the_action_says(@ForAll String text) throws Exception {
        Trace trace = new Trace(ORIGIN, List.of(
                step(1, "main#0", new Ship(text), 0, 3, Try.failure(new IOException(text)))));

        String svg = RunPicture.of(trace, text).svg();

        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_recording_file_draws_its_steps_one_after_another() throws Exception {
        Path file = Files.createTempFile("run", ".jsonl");
        try (var recorder = dev.pureflow.testkit.Recorder.to(file, dev.pureflow.Clock.system())) {
            dev.pureflow.Executor executor = dev.pureflow.Executor.of(dev.pureflow.observability.Shop.class, action -> "ok")
                    .with(recorder);
            dev.pureflow.Runner.of(executor).run(dev.pureflow.Program.perform(new Fetch("a"))
                    .flatMap(a -> dev.pureflow.Program.perform(new Ship("b"))));
        }

        RunPicture picture = RunPicture.ofRecording(file);

        assertThat(picture.trace().steps()).extracting(TracedStep::number).containsExactly(1L, 2L);
        assertThat(picture.trace().steps().get(1).startedAt()).isEqualTo(picture.trace().steps().get(0).endedAt());
        assertThat(picture.mermaidSequence()).contains("flow->>p1#58; 1 Fetch[item=a]".replace("#58;", ":"));
    }
}
