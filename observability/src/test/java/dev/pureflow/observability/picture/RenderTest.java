package dev.pureflow.observability.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.observability.Shop;
import dev.pureflow.observability.Shop.Fetch;
import dev.pureflow.observability.Shop.Pay;
import dev.pureflow.testkit.Recorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int render(String... args) {
        return Render.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path recording() throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (Recorder recorder = Recorder.to(file, Clock.system())) {
            Executor shop = Executor.of(Shop.class, action -> switch (action) {
                case Fetch fetch -> "a " + fetch.item();
                case Pay pay -> throw new IllegalStateException("declined");
                case Shop.Ship ship -> "shipped";
            });
            Runner.of(shop.with(recorder)).attempt(Program.perform(new Fetch("book")).flatMap(book -> Program.perform(new Pay("1", 5))));
        }
        return file;
    }

    @Test
    void render_writes_the_html_page_and_both_mermaid_texts_of_a_recording() throws Exception {
        Path file = recording();

        int status = render(file.toString(), "--html", dir.resolve("run.html").toString(),
                "--mermaid", dir.resolve("run.mmd").toString(), "--gantt", dir.resolve("gantt.mmd").toString());

        assertThat(status).isZero();
        assertThat(Files.readString(dir.resolve("run.html"))).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("http");
        assertThat(Files.readString(dir.resolve("run.mmd"))).startsWith("sequenceDiagram\n").contains("1 Fetch[item=book]", "Note over p1");
        assertThat(Files.readString(dir.resolve("gantt.mmd"))).startsWith("gantt\n").contains("2 Pay :crit, s2");
    }

    @Test
    void render_with_only_a_recording_prints_its_sequence_diagram() throws Exception {
        assertThat(render(recording().toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("sequenceDiagram\n").contains("flow->>p1: 2 Pay");
    }

    @Test
    void render_refuses_bad_arguments_with_its_usage_and_an_unreadable_recording_with_status_1() {
        assertThat(render()).isEqualTo(2);
        assertThat(render("run.jsonl", "--pdf", "out.pdf")).isEqualTo(2);
        assertThat(render("run.jsonl", "--html")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: render run.jsonl", "unknown option --pdf");

        assertThat(render(dir.resolve("missing.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot draw");
    }
}
