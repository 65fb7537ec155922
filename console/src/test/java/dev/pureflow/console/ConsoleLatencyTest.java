package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pureflow.interpreters.process.Command;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How late a line reaches a browser: a child stamps each of 1,000 lines with the system's real-time
 * clock just before printing it, and an SSE client notes the same clock as each event arrives. The
 * figures go to the test's output and {@code target/console-latency.txt}; the test asserts only
 * that every line arrives, in order, and a bound generous enough for a loaded machine.
 */
class ConsoleLatencyTest {

    static final int LINES = 1_000;

    @Test
    void each_printed_line_reaches_an_event_stream_client_in_order_and_soon() throws IOException {
        Command stamping = Command.shell("i=0; while [ $i -lt " + LINES + " ]; do echo \"$i $(date +%s%N)\"; i=$((i+1)); done");
        List<Long> latencies = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        try (Console console = Console.start(ConsoleOptions.DEFAULT.allowing(AllowedCommand.fixed("stamp", stamping)))) {
            ConsoleClient client = new ConsoleClient(console);
            String id = client.start("stamp");
            HttpResponse<Stream<String>> stream = client.openStream("/api/jobs/" + id + "/events", 0);
            try (Stream<String> body = stream.body()) {
                String type = "";
                for (Iterator<String> lines = body.iterator(); lines.hasNext(); ) {
                    String line = lines.next();
                    Instant arrived = Instant.now();
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ") && type.equals("line")) {
                        JsonNode data = ConsoleClient.JSON.readTree(line.substring(6));
                        String[] words = data.get("text").asText().split(" ");
                        order.add(Integer.parseInt(words[0]));
                        long printedNanos = Long.parseLong(words[1]);
                        long arrivedNanos = arrived.getEpochSecond() * 1_000_000_000L + arrived.getNano();
                        latencies.add(arrivedNanos - printedNanos);
                    } else if (line.startsWith("data: ") && type.equals("ended")) {
                        break;
                    }
                }
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        Duration median = Duration.ofNanos(sorted.get(sorted.size() / 2));
        Duration p99 = Duration.ofNanos(sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
        Duration max = Duration.ofNanos(sorted.getLast());
        String report = String.format("console latency, child's print to SSE client, over %d lines: median %.2f ms, p99 %.2f ms, max %.2f ms (%d cores)%n",
                sorted.size(), median.toNanos() / 1e6, p99.toNanos() / 1e6, max.toNanos() / 1e6,
                Runtime.getRuntime().availableProcessors());
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/console-latency.txt"), report);

        assertThat(order).hasSize(LINES).isSorted().doesNotHaveDuplicates();
        assertThat(median).as("median, on a machine however loaded").isLessThan(Duration.ofSeconds(1));
    }
}
