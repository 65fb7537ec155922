package dev.pureflow.examples.acons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.console.Console;
import dev.pureflow.examples.CapturedOutput;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** acons' example server: what it allows, what it refuses, its flow with live steps, and its start. */
class AconsServerTest {

    @RegisterExtension
    final CapturedOutput out = new CapturedOutput();

    @Test
    void the_console_refuses_a_request_without_token_and_a_command_off_the_allowlist_and_streams_an_allowed_one()
            throws Exception {
        // README: console
        try (ProcessExecutor processes = ProcessExecutor.create();
             Console console = Console.start(AconsServer.options(processes))) {
            System.out.println("Open " + console.url()); // http://127.0.0.1:PORT/?token=...
            HttpClient http = HttpClient.newHttpClient();
            URI jobs = console.address().resolve("/api/jobs");
            HttpRequest.Builder withToken = HttpRequest.newBuilder(jobs).header("X-Pureflow-Token", console.token());

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(jobs)
                    .POST(BodyPublishers.ofString("{\"command\": \"seq 1 3\"}")).build(), BodyHandlers.ofString());
            HttpResponse<String> offTheList = http.send(withToken.copy()
                    .POST(BodyPublishers.ofString("{\"command\": \"rm -rf /\"}")).build(), BodyHandlers.ofString());
            HttpResponse<String> started = http.send(withToken.copy()
                    .POST(BodyPublishers.ofString("{\"command\": \"seq 1 3\"}")).build(), BodyHandlers.ofString());
            List<String> events = http.send(HttpRequest.newBuilder(jobs.resolve("/api/jobs/job-1/events")) // SSE
                    .header("X-Pureflow-Token", console.token()).header("Accept", "text/event-stream").build(),
                    BodyHandlers.ofLines()).body().filter(line -> line.startsWith("event: ")).toList();

            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(offTheList.statusCode()).isEqualTo(403);
            assertThat(offTheList.body()).contains("`rm` is not on the console's allowlist; it starts only: seq, ticker, ping");
            assertThat(started.statusCode()).isEqualTo(201);
            assertThat(events).containsExactly("event: started", "event: line", "event: line", "event: line", "event: ended");
        }
        // END README
    }

    @Test
    void the_kill_mid_run_flow_started_from_the_console_streams_its_steps_until_it_succeeds() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create();
             Console console = Console.start(AconsServer.options(processes))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(console.address().resolve("/api/runs"))
                    .header("X-Pureflow-Token", console.token())
                    .POST(BodyPublishers.ofString("{\"flow\": \"kill-mid-run\"}")).build(), BodyHandlers.ofString());
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(console.address().resolve("/api/runs/run-1/events"))
                    .header("X-Pureflow-Token", console.token()).header("Accept", "text/event-stream").build(),
                    BodyHandlers.ofLines());
            List<String> data = events.body().filter(line -> line.startsWith("data: {")).toList();

            assertThat(started.statusCode()).isEqualTo(201);
            assertThat(data.getFirst()).contains("\"action\":\"Start[ticker-of-the-flow: /bin/sh -c");
            assertThat(data).anyMatch(line -> line.contains("\"action\":\"Kill[id=ticker-of-the-flow"));
            assertThat(data.getLast()).startsWith("data: {\"state\":\"succeeded\",\"outcome\":\"succeeded: Report[");
        }
    }

    @Test
    void a_run_started_from_the_console_is_drawn_as_the_observability_svg_timeline_of_its_steps() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create();
             Console console = Console.start(AconsServer.options(processes))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(console.address().resolve("/api/runs"))
                    .header("X-Pureflow-Token", console.token())
                    .POST(BodyPublishers.ofString("{\"flow\": \"kill-mid-run\"}")).build(), BodyHandlers.ofString());
            // the run's event stream ends with the run: reading it whole awaits its end
            List<String> data = http.send(HttpRequest.newBuilder(console.address().resolve("/api/runs/run-1/events"))
                    .header("X-Pureflow-Token", console.token()).header("Accept", "text/event-stream").build(),
                    BodyHandlers.ofLines()).body().filter(line -> line.startsWith("data: {")).toList();
            HttpResponse<String> picture = http.send(HttpRequest.newBuilder(console.address().resolve("/api/runs/run-1/picture"))
                    .header("X-Pureflow-Token", console.token()).build(), BodyHandlers.ofString());
            long stepsFinished = data.stream().filter(line -> line.contains("\"millis\":")).count();

            assertThat(started.statusCode()).isEqualTo(201);
            assertThat(data.getLast()).startsWith("data: {\"state\":\"succeeded\"");
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            String html = picture.body();
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>kill-mid-run (run-1)</title>")
                    .contains("<svg").contains("</svg>")
                    .contains(stepsFinished + " steps") // every step the console saw end is a bar of the timeline
                    .contains("Start[ticker-of-the-flow", "ReadOutput[", "Pause[", "Kill[id=ticker-of-the-flow")
                    .doesNotContainIgnoringCase("http") // self-contained: no URL, no script from anywhere
                    .doesNotContain("<script");
            assertThat(stepsFinished).isGreaterThanOrEqualTo(5); // start, read, pause, kill, read at least
        }
    }

    @Test
    void the_picture_of_an_unknown_run_is_refused_with_404() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create();
             Console console = Console.start(AconsServer.options(processes))) {
            HttpResponse<String> picture = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(console.address().resolve("/api/runs/run-9/picture"))
                            .header("X-Pureflow-Token", console.token()).build(), BodyHandlers.ofString());

            assertThat(picture.statusCode()).isEqualTo(404);
            assertThat(picture.body()).contains("no run 'run-9'");
        }
    }

    @Test
    void main_prints_the_url_with_its_token_and_stops_when_interrupted() throws InterruptedException {
        Thread server = Thread.ofPlatform().start(() -> {
            try {
                AconsServer.main(new String[0]);
            } catch (InterruptedException stopped) {
                // the test stops it
            }
        });
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (out.lines().isEmpty() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        server.interrupt();
        server.join(Duration.ofSeconds(60));

        assertThat(server.isAlive()).isFalse();
        assertThat(out.lines()).first().asString().matches("acons console at http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{48}");
    }
}
