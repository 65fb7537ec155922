package dev.pureflow.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Streams one {@link EventLog} to one client as Server-Sent Events: each event with its id, so a
 * client that reconnects with {@code Last-Event-ID} gets exactly what it missed; a comment when
 * nothing happened for a heartbeat, so a closed tab fails a write and its thread ends. Ends after
 * the log's last event; a client already past it gets 204, which tells an {@code EventSource} to
 * stop reconnecting. Confined to the request's thread.
 */
final class EventStream {

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    /** How soon an {@code EventSource} reconnects after a dropped connection. */
    private static final byte[] RETRY = "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);

    private EventStream() {}

    static void serve(HttpExchange exchange, EventLog log, long lastEventId, Duration heartbeat)
            throws IOException, InterruptedException {
        if (log.exhausted(lastEventId)) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0); // chunked: each flush reaches the client at once
        OutputStream out = exchange.getResponseBody();
        out.write(RETRY);
        out.flush();
        long last = lastEventId;
        while (true) {
            List<EventLog.Event> events = log.awaitAfter(last, heartbeat);
            if (events.isEmpty()) {
                if (log.exhausted(last)) {
                    return;
                }
                out.write(HEARTBEAT);
            } else {
                out.write(frames(events));
                last = events.getLast().id();
            }
            out.flush();
            if (log.exhausted(last)) {
                return;
            }
        }
    }

    /** The events as SSE frames; their data is one line of JSON, so one {@code data:} field each. */
    static byte[] frames(List<EventLog.Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 64);
        for (EventLog.Event event : events) {
            String frame = "id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + event.data() + "\n\n";
            bytes.writeBytes(frame.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The id a client resumes after: its {@code Last-Event-ID} header, else the query's {@code lastEventId}, else 0. */
    static long lastEventId(String header, String query) {
        for (String candidate : new String[] {header, query}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return Math.max(0, Long.parseLong(candidate.strip()));
                } catch (NumberFormatException e) {
                    throw new HttpError(400, "Last-Event-ID must be an event id (a number), was '" + candidate + "'");
                }
            }
        }
        return 0;
    }
}
