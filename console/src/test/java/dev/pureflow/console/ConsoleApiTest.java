package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pureflow.interpreters.process.Command;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's HTTP API, driven with {@code java.net.http.HttpClient}: jobs, their streams, refusals. */
class ConsoleApiTest {

    private final Console console = Console.start(Fixtures.options());
    private final ConsoleClient client = new ConsoleClient(console);

    @AfterEach
    void close() {
        console.close();
    }

    private static List<String> texts(List<ConsoleClient.Event> events) {
        return events.stream().filter(e -> e.type().equals("line")).map(e -> e.data().get("text").asText()).toList();
    }

    private static ConsoleClient.Event last(List<ConsoleClient.Event> events) {
        return events.getLast();
    }

    @Test
    void a_started_command_streams_each_line_then_how_it_ended() {
        String id = client.start("seq 1 5");

        List<ConsoleClient.Event> events = client.eventsUntilEnd("/api/jobs/" + id + "/events", 0);

        assertThat(events.getFirst().type()).isEqualTo("started");
        assertThat(texts(events)).containsExactly("1", "2", "3", "4", "5");
        assertThat(events).extracting(ConsoleClient.Event::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(last(events).type()).isEqualTo("ended");
        assertThat(last(events).data().get("state").asText()).isEqualTo("exited");
        assertThat(last(events).data().get("exitCode").asInt()).isZero();
        assertThat(last(events).data().get("ended").asText()).isEqualTo("exited with 0");
    }

    @Test
    void stderr_lines_are_told_apart_from_stdout_lines() {
        String id = client.start("both");

        List<ConsoleClient.Event> lines = client.eventsUntilEnd("/api/jobs/" + id + "/events", 0).stream()
                .filter(e -> e.type().equals("line")).toList();

        assertThat(lines).extracting(e -> e.data().get("stream").asText() + ":" + e.data().get("text").asText())
                .containsExactlyInAnyOrder("stdout:out", "stderr:err", "stdout:out again");
    }

    @Test
    void an_ended_job_shows_its_exit_status_and_its_whole_output() {
        String id = client.start("seq 1 1000");
        client.eventsUntilEnd("/api/jobs/" + id + "/events", 0);

        JsonNode job = ConsoleClient.json(client.get("/api/jobs/" + id));
        JsonNode list = ConsoleClient.json(client.get("/api/jobs"));

        assertThat(job.get("state").asText()).isEqualTo("exited");
        assertThat(job.get("exitCode").asInt()).isZero();
        assertThat(job.get("commandLine").asText()).isEqualTo("seq 1 1000");
        List<String> lines = StreamSupport.stream(job.get("lines").spliterator(), false)
                .map(line -> line.get("text").asText()).toList();
        assertThat(lines).isEqualTo(IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).toList());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get(0).has("lines")).isFalse();
    }

    @Test
    void cancel_kills_the_jobs_whole_process_tree_and_shows_it_was_killed() {
        String id = client.start("tree");
        HttpResponse<Stream<String>> stream = client.openStream("/api/jobs/" + id + "/events", 0);
        List<ConsoleClient.Event> untilReady;
        List<ProcessHandle> tree = new ArrayList<>();
        try (Stream<String> body = stream.body()) {
            Iterator<String> lines = body.iterator();
            untilReady = ConsoleClient.readUntil(lines, e -> e.type().equals("line"));
            long pid = untilReady.getFirst().data().get("pid").asLong();
            ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
            tree.add(root);
            Await.until(() -> root.descendants().count() >= 2, "the shell has started both sleeps");
            root.descendants().forEach(tree::add);

            JsonNode cancelled = ConsoleClient.json(client.post("/api/jobs/" + id + "/cancel", ""));
            List<ConsoleClient.Event> rest = ConsoleClient.readUntil(lines, e -> e.type().equals("ended"));

            assertThat(cancelled.get("state").asText()).isEqualTo("killed");
            assertThat(cancelled.get("signal").asText()).isEqualTo("TERM");
            assertThat(cancelled.get("cancelled").asBoolean()).isTrue();
            assertThat(cancelled.get("ended").asText()).isEqualTo("cancelled: killed by TERM (exit code 143)");
            assertThat(last(rest).type()).isEqualTo("ended");
            assertThat(last(rest).data().get("state").asText()).isEqualTo("killed");
        }
        assertThat(untilReady).extracting(ConsoleClient.Event::type).containsExactly("started", "line");
        assertThat(tree).hasSize(3);
        Await.until(() -> tree.stream().noneMatch(Processes::running), "no process of the tree runs");
    }

    @Test
    void a_reconnect_with_last_event_id_resumes_right_after_the_last_event_seen() {
        String id = client.start("seq 1 10");
        String path = "/api/jobs/" + id + "/events";
        List<ConsoleClient.Event> all = client.eventsUntilEnd(path, 0);

        List<ConsoleClient.Event> resumed = client.eventsUntilEnd(path, 4);
        HttpResponse<Stream<String>> pastTheEnd = client.openStream(path, last(all).id());
        pastTheEnd.body().close();

        assertThat(resumed).isEqualTo(all.subList(4, all.size()));
        assertThat(resumed.getFirst().id()).isEqualTo(5);
        assertThat(pastTheEnd.statusCode()).as("nothing more will come: EventSource stops on 204").isEqualTo(204);
    }

    @Test
    void a_reconnect_in_the_middle_of_a_live_job_misses_nothing_and_repeats_nothing() {
        String id = client.start("count");
        String path = "/api/jobs/" + id + "/events";
        List<ConsoleClient.Event> first;
        try (Stream<String> lines = client.openStream(path, 0).body()) {
            first = ConsoleClient.readUntil(lines.iterator(), e -> e.type().equals("line") && e.data().get("text").asText().equals("3"));
        } // the connection drops mid-job

        List<ConsoleClient.Event> second = client.eventsUntilEnd(path, last(first).id());

        List<String> texts = new ArrayList<>(texts(first));
        texts.addAll(texts(second));
        assertThat(texts).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).toList());
    }

    @Test
    void a_request_without_the_right_token_is_refused() {
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(console.address().resolve("/api/jobs")).build());
        HttpResponse<String> wrongToken = client.send(HttpRequest.newBuilder(console.address().resolve("/api/jobs"))
                .header("X-Pureflow-Token", "not-the-token-at-all").build());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(console.address()).build());
        HttpResponse<String> stream = client.send(HttpRequest.newBuilder(console.address().resolve("/api/jobs/job-1/events"))
                .header("Accept", "text/event-stream").build());
        HttpResponse<String> postWithQueryToken = client.send(HttpRequest.newBuilder(
                        console.address().resolve("/api/jobs?token=" + console.token()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"seq 1 2\"}")).build());

        assertThat(List.of(noToken, wrongToken, page, stream, postWithQueryToken))
                .extracting(HttpResponse::statusCode).containsOnly(401);
        assertThat(ConsoleClient.json(noToken).get("error").asText()).startsWith("a token is required");
        assertThat(ConsoleClient.json(postWithQueryToken).get("error").asText()).contains("X-Pureflow-Token header");
        assertThat(ConsoleClient.json(client.get("/api/jobs"))).isEmpty(); // nothing started
    }

    @Test
    void a_command_outside_the_allowlist_is_refused_with_a_clear_message() {
        HttpResponse<String> rm = client.post("/api/jobs", "{\"command\": \"rm -rf /tmp/nothing\"}");
        HttpResponse<String> fixedWithArguments = client.post("/api/jobs", "{\"command\": \"both --more\"}");
        HttpResponse<String> unclosed = client.post("/api/jobs", "{\"command\": \"seq '1\"}");
        HttpResponse<String> noCommand = client.post("/api/jobs", "{\"flow\": \"seq\"}");

        assertThat(rm.statusCode()).isEqualTo(403);
        assertThat(ConsoleClient.json(rm).get("error").asText())
                .isEqualTo("`rm` is not on the console's allowlist; it starts only: seq, both, tree, count");
        assertThat(fixedWithArguments.statusCode()).isEqualTo(403);
        assertThat(ConsoleClient.json(fixedWithArguments).get("error").asText()).isEqualTo("`both` takes no arguments");
        assertThat(unclosed.statusCode()).isEqualTo(400);
        assertThat(ConsoleClient.json(unclosed).get("error").asText()).isEqualTo("the command line has an unclosed single quote");
        assertThat(noCommand.statusCode()).isEqualTo(400);
        assertThat(ConsoleClient.json(client.get("/api/jobs"))).isEmpty();
    }

    @Test
    void shell_syntax_in_a_command_line_reaches_the_program_as_plain_words() {
        String id = client.start("seq 1 2 ; echo '$(touch /tmp/pwned)'");

        client.eventsUntilEnd("/api/jobs/" + id + "/events", 0);
        JsonNode job = ConsoleClient.json(client.get("/api/jobs/" + id));

        assertThat(job.get("argv")).extracting(JsonNode::asText)
                .containsExactly("seq", "1", "2", ";", "echo", "$(touch /tmp/pwned)");
        assertThat(job.get("exitCode").asInt()).as("seq refuses the extra words").isNotZero();
    }

    @Test
    void twenty_jobs_stream_at_once_each_line_in_order() throws Exception {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> client.start("count")).toList();
        List<Future<List<ConsoleClient.Event>>> streams = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                streams.add(readers.submit(() -> client.eventsUntilEnd("/api/jobs/" + id + "/events", 0)));
            }
            for (Future<List<ConsoleClient.Event>> stream : streams) {
                List<ConsoleClient.Event> events = stream.get(ConsoleClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(texts(events)).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).toList());
                assertThat(last(events).data().get("exitCode").asInt()).isZero();
            }
        }
        assertThat(ConsoleClient.json(client.get("/api/jobs"))).hasSize(20)
                .allMatch(job -> job.get("state").asText().equals("exited"));
    }

    @Test
    void each_job_runs_in_its_entrys_directory_and_the_console_never_changes_its_own(@TempDir Path here,
                                                                                        @TempDir Path there) throws IOException {
        String before = Path.of("").toAbsolutePath().toString();
        try (Console placed = Console.start(ConsoleOptions.DEFAULT.directory(there)
                .allowing(AllowedCommand.program("pwd").in(here), AllowedCommand.fixed("where", Command.of("pwd"))))) {
            ConsoleClient placedClient = new ConsoleClient(placed);
            String inHere = placedClient.start("pwd");
            String inThere = placedClient.start("where");

            assertThat(texts(placedClient.eventsUntilEnd("/api/jobs/" + inHere + "/events", 0)))
                    .containsExactly(here.toRealPath().toString());
            assertThat(texts(placedClient.eventsUntilEnd("/api/jobs/" + inThere + "/events", 0)))
                    .containsExactly(there.toRealPath().toString());
        }
        assertThat(Files.isSameFile(Path.of(before), Path.of("").toAbsolutePath())).isTrue();
        assertThat(System.getProperty("user.dir")).isEqualTo(before);
    }

    @Test
    void an_unknown_job_is_a_404_naming_it() {
        HttpResponse<String> missing = client.get("/api/jobs/job-99");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ConsoleClient.json(missing).get("error").asText()).isEqualTo("no job 'job-99'");
    }

    @Test
    void the_page_and_its_assets_are_served_from_the_jar_and_reach_nothing_else() {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(console.url()).build());
        HttpResponse<String> script = client.get("/assets/console.js");
        HttpResponse<String> style = client.get("/assets/console.css");
        HttpResponse<String> elsewhere = client.get("/assets/../../etc/passwd");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/assets/console.js\" defer></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
        assertThat(page.headers().firstValue("Set-Cookie")).hasValue(
                Access.COOKIE + "=" + console.token() + "; Path=/; SameSite=Strict");
        assertThat(script.body()).contains("textContent").doesNotContain("innerHTML", "insertAdjacentHTML", "eval(");
        for (HttpResponse<String> asset : List.of(page, script, style)) {
            assertThat(asset.body()).doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void close_ends_the_streams_kills_the_jobs_and_stops_the_server() throws Exception {
        String id = client.start("tree");
        HttpResponse<Stream<String>> stream = client.openStream("/api/jobs/" + id + "/events", 0);
        CompletableFuture<List<ConsoleClient.Event>> reading = CompletableFuture.supplyAsync(
                () -> ConsoleClient.readUntil(stream.body().iterator(), e -> false)); // until the stream ends
        long pid = ConsoleClient.json(client.get("/api/jobs/" + id)).get("pid").asLong();
        Await.until(() -> ProcessHandle.of(pid).map(p -> p.descendants().count() >= 2).orElse(false), "the tree is up");
        List<ProcessHandle> tree = new ArrayList<>(ProcessHandle.of(pid).stream().toList());
        ProcessHandle.of(pid).orElseThrow().descendants().forEach(tree::add);

        console.close();

        assertThat(reading.get(ConsoleClient.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isNotEmpty();
        assertThat(tree).hasSize(3).noneMatch(Processes::running); // close waited for them
        assertThatThrownBy(() -> client.get("/api/jobs")).cause().isInstanceOf(ConnectException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("pureflow-console-"));
    }
}
