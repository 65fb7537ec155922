package dev.pureflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A test's client of a console's HTTP API, with the token in a header, and an SSE reader. */
final class ConsoleClient {

    /** One Server-Sent Event as a client reads it. */
    record Event(long id, String type, JsonNode data) {}

    static final ObjectMapper JSON = new ObjectMapper();
    /** A hang detector sized for a machine several times slower than this one. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private final URI base;
    private final String token;

    ConsoleClient(Console console) {
        this.base = console.address();
        this.token = console.token();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE).header("X-Pureflow-Token", token);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code commandLine} and returns the job's id, failing unless the console answers 201. */
    String start(String commandLine) {
        HttpResponse<String> response = post("/api/jobs", JSON.createObjectNode().put("command", commandLine).toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("starting `" + commandLine + "`: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("id").asText();
    }

    /** Opens the event stream of {@code path}, resuming after {@code lastEventId} (none when 0). */
    HttpResponse<Stream<String>> openStream(String path, long lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .header("X-Pureflow-Token", token)
                .header("Accept", "text/event-stream");
        if (lastEventId > 0) {
            builder.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            return http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads events from {@code lines} until one matches {@code last} (included) or the stream ends. */
    static List<Event> readUntil(Iterator<String> it, Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        long id = 0;
        String type = "message";
        StringBuilder data = new StringBuilder();
        while (it.hasNext()) {
            String line = it.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    Event event = new Event(id, type, parse(data.toString()));
                    events.add(event);
                    if (last.test(event)) {
                        return events;
                    }
                }
                type = "message";
                data.setLength(0);
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return events;
    }

    /** Every event of a stream until its {@code ended} event. */
    List<Event> eventsUntilEnd(String path, long lastEventId) {
        HttpResponse<Stream<String>> response = openStream(path, lastEventId);
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw new AssertionError("stream " + path + " answered " + response.statusCode());
            }
            return readUntil(lines.iterator(), event -> event.type().equals("ended"));
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
