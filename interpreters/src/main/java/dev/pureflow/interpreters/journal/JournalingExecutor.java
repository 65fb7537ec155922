package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The executor a durable run is interpreted with: answers each step that its journal has a record
 * for from that record (the wrapped executor is not called), and carries out every other step with
 * the wrapped executor, appending its outcome to the journal before the flow sees it. Steps are
 * told apart by their {@link dev.pureflow.StepKey}, which does not depend on scheduling, so parallel
 * branches replay their own records. Thread-safe.
 */
final class JournalingExecutor implements Executor {

    private final Executor inner;
    private final String runId;
    private final RunJournal journal;
    private final Map<String, JournalEntry.Performed> recorded;
    private final JsonCodec codec;
    private final Clock clock;
    private final Redaction redaction;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();

    JournalingExecutor(Executor inner, String runId, RunJournal journal, Map<String, JournalEntry.Performed> recorded, JsonCodec codec,
            Clock clock, Redaction redaction) {
        this.inner = inner;
        this.runId = runId;
        this.journal = journal;
        this.recorded = new ConcurrentHashMap<>(recorded);
        this.codec = codec;
        this.clock = clock;
        this.redaction = redaction;
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        String key = currentKey(action);
        JournalEntry.Performed record = recorded.remove(key);
        if (record != null) {
            return replay(key, record, action);
        }
        JsonNode tree = codec.requireRoundTrip(action); // an action that cannot be journaled fails before it does anything
        Try<Object> outcome;
        String previous = IdempotencyKey.set(runId + "/" + key);
        try {
            outcome = Try.success(inner.execute(action));
        } catch (Exception failure) {
            outcome = Try.failure(failure);
        } finally {
            IdempotencyKey.set(previous);
        }
        if (outcome.isFailure() && interrupted(outcome.getCause())) {
            // cancelled, not failed: unrecorded, so a resumed run carries the step out again
            throw (Exception) outcome.getCause();
        }
        executed.incrementAndGet();
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        codec.writeOutcome(written, outcome);
        try {
            journal.append(new JournalEntry.Performed(key, JsonCodec.typeName(action), tree, written, clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal step " + key + " of run " + runId + " (" + redaction.render(action) + ")", e);
        }
        if (outcome.isFailure()) {
            throw (Exception) outcome.getCause();
        }
        return outcome.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger TEMPORARY_ORDINALS = new java.util.concurrent.atomic.AtomicInteger();

    /** TEMPORARY until step keys land on main: sequential flows only. */
    private String currentKey(Action<?> action) {
        return "main#" + TEMPORARY_ORDINALS.getAndIncrement();
    }

    private Object replay(String key, JournalEntry.Performed record, Action<?> action) throws Exception {
        JsonNode actual = codec.actionTree(action);
        if (!record.actionType().equals(JsonCodec.typeName(action)) || !codec.sameTree(record.action(), actual)) {
            throw new JournalDivergenceException(runId, key, recordedText(record), redaction.render(action));
        }
        replayed.incrementAndGet();
        Try<Object> outcome = codec.readOutcome(action.getClass(), record.outcome());
        if (outcome.isFailure()) {
            Throwable error = outcome.getCause();
            if (error instanceof Exception exception) {
                throw exception;
            }
            throw (Error) error;
        }
        return outcome.get();
    }

    /** The recorded action as people see it: rebuilt and rendered where it can be, else its type and JSON. */
    private String recordedText(JournalEntry.Performed record) {
        try {
            return redaction.render(codec.readAction(record.actionType(), record.action()));
        } catch (IllegalArgumentException gone) {
            return record.actionType() + " " + record.action();
        }
    }

    private static boolean interrupted(Throwable error) {
        return error instanceof InterruptedException || error instanceof CancellationException || Thread.currentThread().isInterrupted();
    }

    @Override
    public int parallelism() {
        return inner.parallelism();
    }

    /** How many steps were answered from the journal. */
    long replayed() {
        return replayed.get();
    }

    /** How many steps were carried out and journaled. */
    long executed() {
        return executed.get();
    }

    @Override
    public String toString() {
        return "Journaling[" + runId + ", " + inner + "]";
    }
}
