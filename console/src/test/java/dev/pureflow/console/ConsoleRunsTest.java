package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import io.vavr.control.Option;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flows started from the console: their steps stream live, a cancel ends them, a picture can be drawn. */
class ConsoleRunsTest {

    /** The actions of the test's flows. */
    sealed interface Op<R> extends Action<R> {
        /** Answers {@code n} at once. */
        record Tick(int n) implements Op<Integer> {}

        /** Never answers; ends only when interrupted. */
        record Hang() implements Op<Void> {}

        /** Fails with a message holding a secret. */
        record Fail(String password) implements Op<Void> {}
    }

    private final CountDownLatch neverOpens = new CountDownLatch(1);
    /** What the runner's own listener saw end: the console adds its listener after it. */
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private final Executor executor = Executor.of(Op.class, op -> switch (op) {
        case Op.Tick tick -> tick.n();
        case Op.Hang hang -> {
            neverOpens.await(); // a cancel interrupts it: InterruptedException
            yield null;
        }
        case Op.Fail fail -> throw new IllegalStateException("refused");
    });
    private final Console console = Console.start(ConsoleOptions.DEFAULT
            .runner(Runner.of(executor).with(options -> options.redacting("password")
                    .listener(StepListener.onFinished((step, outcome, duration) ->
                            finished.add(step.action() + (outcome.isFailure() ? " failed" : " answered"))))))
            .flow("ticks", () -> Program.perform(new Op.Tick(1))
                    .flatMap(one -> Program.perform(new Op.Tick(one + 1))).map(two -> two * 10))
            .flow("hangs", () -> Program.perform(new Op.Tick(7)).flatMap(seven -> Program.perform(new Op.Hang())))
            .flow("fails", () -> Program.perform(new Op.Fail("hunter2")))
            .picture(RunPictureRenderer.fromRecord(run -> Option.some("<!doctype html><title>" + run.id() + "</title><p>" + run.steps().size() + " steps"))));
    private final ConsoleClient client = new ConsoleClient(console);

    @AfterEach
    void close() {
        console.close();
    }

    private String startRun(String flow) {
        HttpResponse<String> response = client.post("/api/runs", "{\"flow\": \"" + flow + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ConsoleClient.json(response).get("id").asText();
    }

    @Test
    void a_run_streams_each_step_as_it_starts_and_ends_then_its_outcome() {
        String id = startRun("ticks");

        List<ConsoleClient.Event> events = client.eventsUntilEnd("/api/runs/" + id + "/events", 0);

        assertThat(events).extracting(e -> e.type() + " " + e.data().path("action").asText("") + " "
                        + e.data().path("result").asText(""))
                .containsExactly("step-started Tick[n=1] ", "step-finished Tick[n=1] 1",
                        "step-started Tick[n=2] ", "step-finished Tick[n=2] 2", "ended  ");
        assertThat(events.getLast().data().get("outcome").asText()).isEqualTo("succeeded: 20");
        assertThat(events.subList(0, 4)).extracting(e -> e.data().get("key").asText())
                .containsExactly("main#0", "main#0", "main#1", "main#1");
        JsonNode run = ConsoleClient.json(client.get("/api/runs/" + id));
        assertThat(run.get("state").asText()).isEqualTo("succeeded");
        assertThat(run.get("steps")).hasSize(2);
    }

    @Test
    void cancelling_a_run_interrupts_its_step_in_flight_and_shows_it_was_cancelled() {
        String id = startRun("hangs");
        HttpResponse<Stream<String>> stream = client.openStream("/api/runs/" + id + "/events", 0);
        try (Stream<String> body = stream.body()) {
            Iterator<String> lines = body.iterator();
            List<ConsoleClient.Event> untilHang = ConsoleClient.readUntil(lines,
                    e -> e.type().equals("step-started") && e.data().get("action").asText().equals("Hang[]"));

            JsonNode cancelled = ConsoleClient.json(client.post("/api/runs/" + id + "/cancel", ""));
            List<ConsoleClient.Event> rest = ConsoleClient.readUntil(lines, e -> e.type().equals("ended"));

            assertThat(untilHang).extracting(ConsoleClient.Event::type)
                    .containsExactly("step-started", "step-finished", "step-started");
            assertThat(cancelled.get("id").asText()).isEqualTo(id);
            assertThat(rest.getLast().data().get("state").asText()).isEqualTo("cancelled");
            assertThat(rest).filteredOn(e -> e.type().equals("step-finished")).singleElement()
                    .satisfies(e -> assertThat(e.data().get("failed").asBoolean()).isTrue());
        }
        Await.until(() -> ConsoleClient.json(client.get("/api/runs/" + id)).get("state").asText().equals("cancelled"),
                "the run is listed as cancelled");
    }

    @Test
    void a_failed_run_shows_its_error_with_secrets_masked_as_logs_do() {
        String id = startRun("fails");

        List<ConsoleClient.Event> events = client.eventsUntilEnd("/api/runs/" + id + "/events", 0);

        assertThat(events.getFirst().data().get("action").asText()).isEqualTo("Fail[password=***]");
        assertThat(events.getLast().data().get("state").asText()).isEqualTo("failed");
        assertThat(events).noneMatch(e -> e.data().toString().contains("hunter2"));
    }

    @Test
    void a_flow_that_was_not_registered_is_refused_naming_those_that_were() {
        HttpResponse<String> refused = client.post("/api/runs", "{\"flow\": \"java.lang.System.exit\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(ConsoleClient.json(refused).get("error").asText())
                .isEqualTo("no flow named 'java.lang.System.exit' is allowed; the console starts only: ticks, hangs, fails");
        assertThat(ConsoleClient.json(client.get("/api/runs"))).isEmpty();
    }

    @Test
    void the_picture_seam_draws_a_run_from_what_the_console_recorded() {
        String id = startRun("ticks");
        client.eventsUntilEnd("/api/runs/" + id + "/events", 0);

        HttpResponse<String> picture = client.get("/api/runs/" + id + "/picture");

        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.body()).isEqualTo("<!doctype html><title>" + id + "</title><p>2 steps");
        assertThat(picture.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'", "sandbox"));
    }

    @Test
    void a_drawing_begins_with_each_run_is_told_its_real_steps_and_draws_them_when_the_page_asks() {
        List<RunOptionsSeen> begun = new CopyOnWriteArrayList<>();
        RunPictureRenderer actionsSeen = options -> {
            begun.add(new RunOptionsSeen(options.redaction().render(new Op.Fail("hunter2"))));
            List<String> actions = new CopyOnWriteArrayList<>();
            return new RunPictureRenderer.Drawing() {
                @Override
                public void finished(dev.pureflow.Step step, io.vavr.control.Try<Object> outcome, java.time.Duration duration) {
                    // the step's action itself, not the console's text of it
                    actions.add(step.action() instanceof Op.Tick tick ? "tick " + tick.n() + " -> " + outcome.get() : "other");
                }

                @Override
                public Option<String> html(RunRecord run) {
                    return Option.some(run.id() + ": " + String.join(", ", actions));
                }
            };
        };
        try (Console drawing = Console.start(ConsoleOptions.DEFAULT
                .runner(Runner.of(executor).with(options -> options.redacting("password")))
                .flow("ticks", () -> Program.perform(new Op.Tick(1)).flatMap(one -> Program.perform(new Op.Tick(one + 1))))
                .picture(actionsSeen))) {
            ConsoleClient drawn = new ConsoleClient(drawing);
            for (String id : List.of("run-1", "run-2")) {
                assertThat(drawn.post("/api/runs", "{\"flow\": \"ticks\"}").statusCode()).isEqualTo(201);
                drawn.eventsUntilEnd("/api/runs/" + id + "/events", 0);
            }

            assertThat(drawn.get("/api/runs/run-1/picture").body()).isEqualTo("run-1: tick 1 -> 1, tick 2 -> 2");
            assertThat(drawn.get("/api/runs/run-2/picture").body()).isEqualTo("run-2: tick 1 -> 1, tick 2 -> 2");
            // one drawing per run, given the run's options: its redaction hides the password
            assertThat(begun).containsExactly(new RunOptionsSeen("Fail[password=***]"), new RunOptionsSeen("Fail[password=***]"));
        }
    }

    /** What a renderer saw of the options it began a drawing with: how they show a secret. */
    private record RunOptionsSeen(String failRendered) {}

    @Test
    void a_console_without_a_renderer_answers_404_and_a_drawing_that_throws_answers_500_naming_the_error() {
        try (Console plain = Console.start(ConsoleOptions.DEFAULT.runner(Runner.of(executor))
                     .flow("ticks", () -> Program.perform(new Op.Tick(1))));
             Console broken = Console.start(ConsoleOptions.DEFAULT.runner(Runner.of(executor))
                     .flow("ticks", () -> Program.perform(new Op.Tick(1)))
                     .picture(options -> run -> {
                         throw new IllegalStateException("no ink");
                     }))) {
            ConsoleClient plainClient = new ConsoleClient(plain);
            ConsoleClient brokenClient = new ConsoleClient(broken);
            assertThat(plainClient.post("/api/runs", "{\"flow\": \"ticks\"}").statusCode()).isEqualTo(201);
            assertThat(brokenClient.post("/api/runs", "{\"flow\": \"ticks\"}").statusCode()).isEqualTo(201);
            plainClient.eventsUntilEnd("/api/runs/run-1/events", 0);
            brokenClient.eventsUntilEnd("/api/runs/run-1/events", 0);

            HttpResponse<String> none = plainClient.get("/api/runs/run-1/picture");
            HttpResponse<String> failed = brokenClient.get("/api/runs/run-1/picture");

            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(ConsoleClient.json(none).get("error").asText()).isEqualTo("this console draws no pictures of runs");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(ConsoleClient.json(failed).get("error").asText()).isEqualTo("java.lang.IllegalStateException: no ink");
        }
    }

    @Test
    void closing_the_console_cancels_the_runs_it_started() {
        String id = startRun("hangs");
        Await.until(() -> ConsoleClient.json(client.get("/api/runs/" + id)).get("steps").size() == 2, "the run hangs");

        console.close();

        assertThat(finished).containsExactly("Tick[n=7] answered", "Hang[] failed"); // interrupted by the cancel
        assertThat(neverOpens.getCount()).as("the hanging step was interrupted, not released").isEqualTo(1);
    }
}
