package dev.pureflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to the console: the token check, then a fixed table of routes. There is no route
 * that names code to call: a job is an allowlisted command, a run an allowlisted flow.
 *
 * <pre>
 * GET  /                          the page          GET  /assets/console.js, /assets/console.css
 * GET  /api/allowed               allowed commands and flows
 * GET  /api/jobs                  jobs              POST /api/jobs {"command": "seq 1 5"}
 * GET  /api/jobs/ID               a job and all its lines
 * GET  /api/jobs/ID/events        its events (SSE)  POST /api/jobs/ID/cancel
 * GET  /api/runs                  runs              POST /api/runs {"flow": "name"}
 * GET  /api/runs/ID               a run, its steps  GET  /api/runs/ID/events (SSE)
 * POST /api/runs/ID/cancel                          GET  /api/runs/ID/picture
 * </pre>
 *
 * Thread-safe: each request runs on its own virtual thread; the threads streaming events are
 * tracked so that closing the console waits for them.
 */
final class ConsoleApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final Map<String, String> ASSETS = Map.of(
            "/assets/console.js", "text/javascript; charset=utf-8",
            "/assets/console.css", "text/css; charset=utf-8");
    /** The page may load only its own assets and talk only to its own server. */
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'";
    /** A run's picture runs no script and loads nothing from anywhere. */
    private static final String PICTURE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    private final Access access;
    private final Jobs jobs;
    private final Runs runs;
    private final Duration heartbeat;
    private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();

    ConsoleApi(Access access, Jobs jobs, Runs runs, Duration heartbeat) {
        this.access = access;
        this.jobs = jobs;
        this.runs = runs;
        this.heartbeat = heartbeat;
    }

    /** The threads serving event streams right now. */
    Set<Thread> streamingThreads() {
        return Set.copyOf(streaming);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer"); // the page's URL holds the token
            access.check(exchange);
            route(exchange);
        } catch (HttpError refused) {
            respond(exchange, refused.status(), Json.object().put("error", refused.getMessage()));
        } catch (IOException gone) {
            LOG.debug("client went away: {}", gone.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("console request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            respond(exchange, 500, Json.object().put("error", e.toString()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        String[] path = exchange.getRequestURI().getPath().split("/", -1); // "/api/jobs/ID" -> "", api, jobs, ID
        String route = method + " " + shape(path);
        switch (route) {
            case "GET /" -> page(exchange);
            case "GET /assets/*" -> asset(exchange);
            case "GET /api/allowed" -> respond(exchange, 200, allowed());
            case "GET /api/jobs" -> respond(exchange, 200, list(jobs.list().stream().map(ConsoleJob::summary).toList()));
            case "POST /api/jobs" -> respond(exchange, 201, jobs.start(field(exchange, "command")).summary());
            case "GET /api/jobs/*" -> respond(exchange, 200, jobs.get(path[3]).detail());
            case "GET /api/jobs/*/events" -> stream(exchange, jobs.get(path[3]).log());
            case "POST /api/jobs/*/cancel" -> respond(exchange, 200, jobs.cancel(path[3]).summary());
            case "GET /api/runs" -> respond(exchange, 200, list(runs.list().stream().map(ConsoleRun::summary).toList()));
            case "POST /api/runs" -> respond(exchange, 201, runs.start(field(exchange, "flow")).summary());
            case "GET /api/runs/*" -> respond(exchange, 200, runs.get(path[3]).detail());
            case "GET /api/runs/*/events" -> stream(exchange, runs.get(path[3]).log());
            case "POST /api/runs/*/cancel" -> respond(exchange, 200, runs.cancel(path[3]).summary());
            case "GET /api/runs/*/picture" -> picture(exchange, runs.get(path[3]));
            default -> throw new HttpError(404, "no such resource: " + method + " " + exchange.getRequestURI().getPath());
        }
    }

    /** The path with its variable segments as {@code *}: {@code /api/jobs/job-3/events} is {@code /api/jobs/*}{@code /events}. */
    private static String shape(String[] path) {
        if (path.length == 3 && path[1].equals("assets")) {
            return "/assets/*";
        }
        if (path.length >= 4 && path[1].equals("api") && !path[3].isEmpty()) {
            String[] shaped = path.clone();
            shaped[3] = "*";
            return String.join("/", shaped);
        }
        return String.join("/", path);
    }

    private void page(HttpExchange exchange) throws IOException {
        if (access.tokenInQuery(exchange)) {
            // lets the page's EventSource (which sends no header) and its reloads carry the token;
            // readable by the page's script, which sends it as a header on its POSTs
            exchange.getResponseHeaders().add("Set-Cookie", Access.COOKIE + "=" + Access.query(exchange).get("token")
                    + "; Path=/; SameSite=Strict");
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        send(exchange, 200, "text/html; charset=utf-8", resource("index.html"));
    }

    private void asset(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String type = ASSETS.get(path);
        if (type == null) {
            throw new HttpError(404, "no such asset: " + path);
        }
        send(exchange, 200, type, resource(path.substring(1)));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's jar lacks its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode allowed() {
        ObjectNode node = Json.object();
        ArrayNode commands = node.putArray("commands");
        jobs.allowed().forEach(commands::add);
        ArrayNode flows = node.putArray("flows");
        runs.allowed().forEach(flows::add);
        return node;
    }

    private static ArrayNode list(java.util.List<ObjectNode> items) {
        ArrayNode array = Json.object().arrayNode();
        array.addAll(items);
        return array;
    }

    /** The string field {@code name} of the request's JSON body. */
    private static String field(HttpExchange exchange, String name) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
        JsonNode node;
        try {
            node = Json.read(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            throw new HttpError(400, malformed.getMessage());
        }
        JsonNode field = node.get(name);
        if (field == null || !field.isTextual()) {
            throw new HttpError(400, "the request body must be a JSON object with a string field \"" + name + "\"");
        }
        return field.asText();
    }

    private void stream(HttpExchange exchange, EventLog log) throws IOException, InterruptedException {
        long lastEventId = EventStream.lastEventId(exchange.getRequestHeaders().getFirst("Last-Event-ID"),
                Access.query(exchange).get("lastEventId"));
        Thread current = Thread.currentThread();
        streaming.add(current);
        try {
            EventStream.serve(exchange, log, lastEventId, heartbeat);
        } finally {
            streaming.remove(current);
        }
    }

    private void picture(HttpExchange exchange, ConsoleRun run) throws IOException {
        String html = run.picture()
                .getOrElseThrow(() -> new HttpError(404, "this console draws no pictures of runs"));
        exchange.getResponseHeaders().set("Content-Security-Policy", PICTURE_POLICY);
        send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) {
        try {
            send(exchange, status, "application/json; charset=utf-8", Json.write(body).getBytes(StandardCharsets.UTF_8));
        } catch (IOException gone) {
            LOG.debug("client went away: {}", gone.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
