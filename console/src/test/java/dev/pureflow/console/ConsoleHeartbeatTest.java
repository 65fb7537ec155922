package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** An idle stream sends a comment every heartbeat, so a client that went away is noticed and its thread ends. */
class ConsoleHeartbeatTest {

    @Test
    void an_idle_stream_sends_keep_alive_comments_and_ends_once_its_client_has_gone() {
        try (Console console = Console.start(Fixtures.options().heartbeat(Duration.ofMillis(100)))) {
            ConsoleClient client = new ConsoleClient(console);
            String id = client.start("tree"); // prints "ready", then waits: an idle stream
            List<String> seen = new ArrayList<>();
            try (Stream<String> body = client.openStream("/api/jobs/" + id + "/events", 0).body()) {
                Iterator<String> lines = body.iterator();
                while (seen.stream().filter(line -> line.equals(": keep-alive")).count() < 2) {
                    seen.add(lines.next());
                }
                assertThat(console.streamsOpen()).isEqualTo(1);
            } // the tab closes

            assertThat(seen).contains("data: {\"stream\":\"stdout\",\"text\":\"ready\"}");
            Await.until(() -> console.streamsOpen() == 0, "the server noticed the client has gone");
            assertThat(ConsoleClient.json(client.get("/api/jobs/" + id)).get("state").asText())
                    .as("a closed tab does not end the job").isEqualTo("running");
        }
    }
}
