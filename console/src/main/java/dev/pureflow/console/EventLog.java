package dev.pureflow.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything one job or run told the console, in order, each event numbered from 1: what a stream
 * replays after a reconnect ({@code Last-Event-ID}) and what the page shows of an ended job. Keeps
 * every event up to {@code limit}; past it one {@code truncated} event says so and further events
 * but the last ({@code ended}) are dropped, so a chatty job cannot exhaust the heap. Thread-safe:
 * appends come from the executor's reader threads, reads from the streams' threads.
 */
final class EventLog {

    /** One numbered event: its SSE {@code event} type and its {@code data}, a line of JSON. */
    record Event(long id, String type, String data) {}

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Event> events = new ArrayList<>();
    private boolean ended;
    private boolean truncated;
    /** Set when the console closes: waiting streams return at once. */
    private boolean closed;

    EventLog(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, was " + limit);
        }
        this.limit = limit;
    }

    /** Appends an event, unless the log has ended or is full; returns whether it was kept. */
    boolean append(String type, String data) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            if (events.size() >= limit - 2) { // room for the truncated marker and the ended event
                if (!truncated) {
                    truncated = true;
                    add("truncated", "{\"kept\":" + events.size() + "}");
                }
                return false;
            }
            add(type, data);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Appends the last event; returns false (and appends nothing) if the log had already ended. */
    boolean end(String type, String data) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            add(type, data);
            ended = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(String type, String data) {
        events.add(new Event(events.size() + 1L, type, data));
        changed.signalAll();
    }

    /** The events numbered after {@code lastId}, in order. */
    List<Event> after(long lastId) {
        lock.lock();
        try {
            return List.copyOf(events.subList((int) Math.clamp(lastId, 0, events.size()), events.size()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events numbered after {@code lastId}, waiting up to {@code patience} for the first of
     * them; empty when none came, the log has ended with none left, or the console is closing.
     */
    List<Event> awaitAfter(long lastId, Duration patience) throws InterruptedException {
        long nanos = patience.toNanos();
        lock.lock();
        try {
            while (events.size() <= lastId && !ended && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return after(lastId);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code lastId} has seen the last event of an ended log: nothing more will come. */
    boolean exhausted(long lastId) {
        lock.lock();
        try {
            return (ended && lastId >= events.size()) || closed;
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The console is closing: wakes every waiting stream, which then ends. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
