package dev.pureflow.observability.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.journal.DurableFlow;
import dev.pureflow.interpreters.journal.DurableRunner;
import dev.pureflow.observability.Shop;
import dev.pureflow.observability.Shop.Fetch;
import dev.pureflow.observability.Shop.Pay;
import dev.pureflow.observability.Shop.Ship;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class JournalPictureTest {

    /** A checkout: a fetch, a parallel block of a ship and a payment that fails (and is recovered), then a fetch. */
    static final DurableFlow<String, String> CHECKOUT = DurableFlow.of("checkout", String.class, item ->
            Program.perform(new Fetch(item)).flatMap(description -> Program.parallel(
                            Program.perform(new Ship(item)),
                            Program.perform(new Pay("4111-1111", 100)).recover(error -> "declined"))
                    .flatMap(done -> Program.perform(new Fetch("receipt")))));

    static final Executor SHOP = Executor.of(Shop.class, action -> switch (action) {
        case Fetch fetch -> "about " + fetch.item();
        case Ship ship -> "shipped " + ship.item();
        case Pay pay -> throw new IllegalStateException("card " + pay.card() + " declined");
    });

    @TempDir
    Path dir;

    private DurableRunner checkedOut() {
        DurableRunner runner = DurableRunner.builder(dir, SHOP).register(CHECKOUT).build();
        assertThat(runner.start("order-7", CHECKOUT, "book").await()).isEqualTo("about receipt");
        return runner;
    }

    @Test
    void a_journaled_run_is_drawn_with_a_lane_per_branch_from_its_step_keys_and_its_failure_shown() throws Exception {
        RunPicture picture = RunPicture.ofJournal(checkedOut(), "order-7", Redaction.DEFAULT.masking("card"));

        List<TracedStep> steps = picture.trace().steps();
        assertThat(steps).hasSize(4);
        assertThat(steps).extracting(TracedStep::branch).containsExactlyInAnyOrder("main", "main/1/0", "main/1/1", "main");
        assertThat(steps.getFirst().action()).isEqualTo(new Fetch("book"));
        assertThat(steps.getLast().action()).isEqualTo(new Fetch("receipt"));
        TracedStep pay = steps.stream().filter(TracedStep::failed).findFirst().orElseThrow();
        assertThat(pay.action()).isEqualTo(new Pay("4111-1111", 100));
        assertThat(pay.outcome().getCause()).isInstanceOf(IllegalStateException.class).hasMessage("card 4111-1111 declined");
        // a branch starts when the step before its block ended, and no step starts before the one it follows
        assertThat(pay.startedAt()).isEqualTo(steps.getFirst().endedAt());
        assertThat(steps.getLast().startedAt()).isAfterOrEqualTo(pay.endedAt());

        String svg = picture.svg();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("title").getLength()).isEqualTo(4);
        assertThat(svg).contains(">main/1/0<", ">main/1/1<", "fill=\"#c62828\"", "failed: IllegalStateException: card *** declined");
        assertThat(picture.html()).contains("<h1>order-7</h1>").doesNotContainIgnoringCase("http").doesNotContain("4111");
        assertThat(picture.mermaidSequence()).contains("par").doesNotContain("4111");
        assertThat(picture.mermaidGantt()).contains("section main/1/1").doesNotContain("4111");
    }

    @Property(tries = 12)
    void a_parallel_block_of_any_width_is_drawn_as_main_and_a_lane_per_branch_whose_steps_never_overlap(
            @ForAll @IntRange(min = 1, max = 5) int width, @ForAll @IntRange(min = 1, max = 3) int steps) throws Exception {
        // a fresh journal directory per try (jqwik gives no @TempDir to a property), under target/ to be cleaned with it
        Path journal = Files.createTempDirectory(Files.createDirectories(Path.of("target", "journal-pictures")), "try-");
        DurableFlow<Integer, String> fanOut = DurableFlow.of("fan-out", Integer.class, n -> Program.perform(new Fetch("list"))
                .flatMap(list -> Program.parallel(io.vavr.collection.List.range(0, n).map(branch ->
                        Program.traverse(io.vavr.collection.List.range(0, steps), i -> Program.perform(new Ship(branch + "." + i))))))
                .flatMap(done -> Program.perform(new Fetch("end"))));
        DurableRunner runner = DurableRunner.builder(journal, SHOP).register(fanOut).build();
        runner.start("fan", fanOut, width).await();

        Trace trace = RunPicture.ofJournal(runner, "fan").trace();

        java.util.Map<String, List<TracedStep>> lanes = trace.steps().stream().collect(java.util.stream.Collectors.groupingBy(TracedStep::branch));
        java.util.Set<String> expected = new java.util.HashSet<>(List.of("main"));
        for (int branch = 0; branch < width; branch++) {
            expected.add("main/1/" + branch);
        }
        assertThat(lanes.keySet()).isEqualTo(expected);
        assertThat(trace.steps()).hasSize(2 + width * steps);
        lanes.values().forEach(lane -> {
            for (int i = 0; i < lane.size(); i++) {
                assertThat(lane.get(i).startedAt()).isAfterOrEqualTo(trace.origin());
                for (int j = i + 1; j < lane.size(); j++) {
                    assertThat(lane.get(i).overlaps(lane.get(j))).as("%s and %s", lane.get(i), lane.get(j)).isFalse();
                }
            }
        });
        // the last step, after the block, starts no earlier than any branch's step ended
        TracedStep last = lanes.get("main").stream().filter(step -> step.action().equals(new Fetch("end"))).findFirst().orElseThrow();
        trace.steps().stream().filter(step -> !step.branch().equals("main"))
                .forEach(step -> assertThat(last.startedAt()).isAfterOrEqualTo(step.endedAt()));
    }

    @Test
    void a_journal_directory_is_drawn_as_the_runner_draws_it_and_only_read() throws Exception {
        DurableRunner runner = checkedOut();
        List<String> before;
        try (var files = Files.list(dir)) {
            before = files.map(Path::toString).sorted().toList();
        }

        RunPicture fromDirectory = RunPicture.ofJournal(dir, "order-7");

        assertThat(fromDirectory.mermaidGantt()).isEqualTo(RunPicture.ofJournal(runner, "order-7").mermaidGantt());
        try (var files = Files.list(dir)) {
            assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(before);
        }
    }

    @Test
    void an_unknown_run_or_directory_is_refused_with_a_clear_error() {
        DurableRunner runner = checkedOut();

        assertThatThrownBy(() -> RunPicture.ofJournal(runner, "order-8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("there is no run order-8").hasMessageContaining("order-7");
        assertThatThrownBy(() -> RunPicture.ofJournal(dir.resolve("nowhere"), "order-7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("there is no journal directory");
        assertThat(Files.exists(dir.resolve("nowhere"))).isFalse();
    }

    @Test
    void render_draws_a_journaled_run_and_refuses_an_unknown_one_with_status_1() throws Exception {
        checkedOut();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Path html = dir.resolve("order.html");

        assertThat(Render.run(List.of("--journal", dir.toString(), "order-7", "--html", html.toString()), o, e)).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains(">main/1/1<").doesNotContainIgnoringCase("http");

        assertThat(Render.run(List.of("--journal", dir.toString(), "order-8"), o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot draw run order-8", "there is no run order-8");
        assertThat(Render.run(List.of("--journal", dir.toString()), o, e)).isEqualTo(2);
    }
}
