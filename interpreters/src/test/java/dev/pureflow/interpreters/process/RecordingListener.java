package dev.pureflow.interpreters.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A process listener that keeps what it is told, in order, and lets a test wait for a line or the
 * end: the event-driven way to know a process got somewhere. Thread-safe.
 */
final class RecordingListener implements ProcessListener {

    /** One call the listener got. */
    sealed interface Event {
        record Started(long pid) implements Event {}

        record Line(OutputLine line) implements Event {}

        record Exited(ProcessResult result) implements Event {}
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void started(long pid) {
        events.add(new Event.Started(pid));
        notifyAll();
    }

    @Override
    public synchronized void line(OutputLine line) {
        events.add(new Event.Line(line));
        notifyAll();
    }

    @Override
    public synchronized void exited(ProcessResult result) {
        events.add(new Event.Exited(result));
        notifyAll();
    }

    /** Every call so far, in order. */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The lines so far, in order. */
    synchronized List<OutputLine> lines() {
        return events.stream().filter(Event.Line.class::isInstance).map(event -> ((Event.Line) event).line()).toList();
    }

    /** The texts of the lines so far. */
    List<String> texts() {
        return lines().stream().map(OutputLine::text).toList();
    }

    /** Waits until a line {@code wanted} accepts has arrived; fails after {@code limit}. */
    synchronized OutputLine awaitLine(Predicate<OutputLine> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<OutputLine> found = lines().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such line within " + limit + "; got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the line {@code text} has arrived. */
    OutputLine awaitLine(String text) throws InterruptedException {
        return awaitLine(line -> line.text().equals(text), ProcWatch.PATIENCE);
    }

    /** Waits until the process started, and returns its pid. */
    synchronized long awaitStart() throws InterruptedException {
        long deadline = System.nanoTime() + ProcWatch.PATIENCE.toNanos();
        while (true) {
            for (Event event : events) {
                if (event instanceof Event.Started started) {
                    return started.pid();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the process did not start within " + ProcWatch.PATIENCE);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
