package dev.pureflow.console;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may use the console: a request must carry the token, as the {@code X-Pureflow-Token} header
 * or {@code Authorization: Bearer}; a GET may carry it instead as the {@code token} query parameter
 * (the URL printed at start) or the cookie the page sets (an {@code EventSource} sends no header).
 * A POST must carry it in a header, which no other site's form or link can add. On a loopback
 * console the {@code Host} must be a loopback name too, so a page of another site that rebinds its
 * DNS name to 127.0.0.1 is refused even before the token is checked. Immutable and thread-safe.
 */
final class Access {

    static final String HEADER = "X-Pureflow-Token";
    static final String COOKIE = "pureflow_console_token";

    private final byte[] token;
    private final boolean loopbackOnly;

    Access(String token, boolean loopbackOnly) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
    }

    /** Refuses the request with an {@link HttpError} unless it may go on. */
    void check(HttpExchange exchange) {
        if (loopbackOnly && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
            throw new HttpError(403, "this console answers only requests addressed to 127.0.0.1 or localhost");
        }
        if (matches(headerToken(exchange))) {
            return;
        }
        boolean read = exchange.getRequestMethod().equals("GET");
        if (read && (matches(queryToken(exchange)) || matches(cookieToken(exchange)))) {
            return;
        }
        throw new HttpError(401, read
                ? "a token is required: open the URL the console printed (it ends with ?token=...), or send the "
                        + HEADER + " header"
                : "a token is required in the " + HEADER + " header (or Authorization: Bearer) for this request");
    }

    /** Whether the request carried the token as the {@code token} query parameter. */
    boolean tokenInQuery(HttpExchange exchange) {
        return matches(queryToken(exchange));
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String headerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(HEADER);
        if (header != null) {
            return header;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
    }

    private static String queryToken(HttpExchange exchange) {
        return query(exchange).get("token");
    }

    private static String cookieToken(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(COOKIE)) {
                    return parts[1];
                }
            }
        }
        return null;
    }

    /** The request's query parameters (the first value of each). */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.putIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }
}
