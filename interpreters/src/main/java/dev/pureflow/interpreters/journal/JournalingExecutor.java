package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.BuiltIn;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.Redaction;
import dev.pureflow.Step;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
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
    private final Map<String, RecordedStep> recorded;
    /** The wake-up times of sleeps that began before the crash and did not end. */
    private final Map<String, Instant> sleeping;
    private final JsonCodec codec;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final Clock clock;
    private final Redaction redaction;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();

    JournalingExecutor(Executor inner, String runId, RunJournal journal, Map<String, RecordedStep> recorded, JsonCodec codec,
            Map<String, Instant> sleeping, Clock clock, Redaction redaction) {
        this.inner = inner;
        this.runId = runId;
        this.journal = journal;
        this.recorded = recorded instanceof ConcurrentHashMap<String, RecordedStep> owned ? owned : new ConcurrentHashMap<>(recorded);
        this.sleeping = Map.copyOf(sleeping);
        this.codec = codec;
        this.mapper = codec.mapper();
        this.clock = clock;
        this.redaction = redaction;
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        Step step = Step.current().getOrElseThrow(() -> new IllegalStateException(
                "a durable run's executor was called outside a step of its run: " + redaction.render(action)));
        String key = step.key().toString();
        RecordedStep record = recorded.remove(key);
        if (record != null) {
            Object answer = replay(key, record, action);
            if (action instanceof BuiltIn.Publish) {
                BUILT_INS.execute(action); // what the run published is no side effect on the world: the resumed handle shows it again
            }
            return answer;
        }
        JsonNode tree = codec.requireRoundTrip(action); // an action that cannot be journaled fails before it does anything
        Object answer = null;
        Exception failure = null;
        String previous = IdempotencyKey.set(runId + "/" + key);
        try {
            answer = carryOut(key, action);
        } catch (Exception thrown) {
            failure = thrown;
        } finally {
            IdempotencyKey.set(previous);
        }
        if (failure != null && interrupted(failure)) {
            // cancelled, not failed: unrecorded, so a resumed run carries the step out again
            throw failure;
        }
        executed.incrementAndGet();
        ObjectNode written = written(action, failure == null ? Try.success(answer) : FatalErrorException.failure(failure));
        try {
            journal.append(new JournalEntry.Performed(key, JsonCodec.typeName(action), tree, written, clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal step " + key + " of run " + runId + " (" + redaction.render(action) + ")", e);
        }
        if (failure != null) {
            throw failure;
        }
        return answer;
    }

    /** Built-in actions are answered as the in-process runner answers them, from the run's clock and maps. */
    private static final Executor BUILT_INS = BuiltIn.runnerAnswers();

    /**
     * Carries a step out: a built-in action as the runner does, a sleep waiting only until the
     * wake-up time journaled when it first began; any other action with the wrapped executor.
     */
    private Object carryOut(String key, Action<?> action) throws Exception {
        if (action instanceof BuiltIn.Sleep sleep) {
            Instant wakeAt = sleeping.get(key);
            if (wakeAt == null) {
                wakeAt = clock.instant().plus(sleep.duration());
                journal.append(new JournalEntry.Sleeping(key, wakeAt, clock.instant()));
            }
            Duration left = Duration.between(clock.instant(), wakeAt);
            return BUILT_INS.execute(new BuiltIn.Sleep(left.isNegative() ? Duration.ZERO : left));
        }
        if (action instanceof BuiltIn<?>) {
            return BUILT_INS.execute(action);
        }
        return inner.execute(action);
    }

    private Object replay(String key, RecordedStep record, Action<?> action) throws Exception {
        if (!record.actionType.equals(JsonCodec.typeName(action)) || !sameAction(record, action)) {
            throw new JournalDivergenceException(runId, key, recordedText(record.entry()), redaction.render(action));
        }
        replayed.incrementAndGet();
        if (record.plainAnswer && messageType(action) == null) {
            // the common case, read straight from the record's bytes: no tree
            return codec.readAnswer(action.getClass(), record.resultType, record.bytes(), record.resultStart(), record.resultLength());
        }
        Try<Object> outcome = read(action, record.outcome());
        if (outcome.isFailure()) {
            Throwable error = FatalErrorException.unwrapped(outcome.getCause());
            if (error instanceof Exception exception) {
                throw exception;
            }
            throw (Error) error;
        }
        return outcome.get();
    }

    /**
     * Whether {@code action} has the recorded fields: the same bytes as written (the common case,
     * no tree built), or else the same JSON compared as trees (the bytes of equal JSON may differ in
     * the order of a map's entries or in how a number is written).
     */
    private boolean sameAction(RecordedStep record, Action<?> action) {
        try {
            if (record.sameInput(mapper.writeValueAsBytes(action))) {
                return true;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notByBytes) {
            // the tree comparison below says what is wrong
        }
        return codec.sameTree(record.action(), codec.actionTree(action));
    }

    /**
     * The outcome as journaled: the codec's form, except a message read's {@code Option}, written as
     * {@code present} and the value, which is read back as the type the action asks for.
     */
    private ObjectNode written(Action<?> action, Try<Object> outcome) {
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        if (messageType(action) != null && outcome.isSuccess() && outcome.get() instanceof io.vavr.control.Option<?> option) {
            written.put("resultType", io.vavr.control.Option.class.getName());
            written.put("present", option.isDefined());
            written.set("result", option.isDefined() ? mapper.valueToTree(option.get()) : JsonNodeFactory.instance.nullNode());
        } else {
            codec.writeOutcome(written, outcome);
        }
        return written;
    }

    private Try<Object> read(Action<?> action, JsonNode outcome) {
        Class<?> type = messageType(action);
        if (type == null || outcome.hasNonNull("error")) {
            return codec.readOutcome(action.getClass(), outcome);
        }
        if (!outcome.path("present").asBoolean()) {
            return Try.success(io.vavr.control.Option.none());
        }
        return Try.of(() -> io.vavr.control.Option.of(mapper.treeToValue(outcome.get("result"), type)));
    }

    /** The type a message-reading action asks for, or null for other actions. */
    private static Class<?> messageType(Action<?> action) {
        return switch (action) {
            case BuiltIn.ReadMessage<?> read -> read.type();
            case BuiltIn.AwaitMessage<?> await -> await.type();
            default -> null;
        };
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
