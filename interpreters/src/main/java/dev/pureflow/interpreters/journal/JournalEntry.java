package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of a run's journal, in the {@link dev.pureflow.interpreters.codec.JsonCodec}'s JSON:
 * the run's start (what rebuilds its program), each step performed (its key, its action, its
 * outcome) and the run's end. Immutable; the JSON trees must not be changed once given.
 */
public sealed interface JournalEntry {

    /** When the entry was written, on the runner's clock. */
    Instant at();

    /**
     * The run {@code runId} started: its program is built by the factory registered as
     * {@code factory} from {@code arguments}.
     */
    record Started(String runId, String factory, JsonNode arguments, Instant at) implements JournalEntry {
        /** Checks for nulls. */
        public Started {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The step with key {@code key} performed the action of type {@code actionType} (a class name)
     * with fields {@code action}, and {@code outcome} came of it: {@code resultType} and
     * {@code result}, or {@code error}, as the codec's {@code writeOutcome} writes them.
     */
    record Performed(String key, String actionType, JsonNode action, JsonNode outcome, Instant at) implements JournalEntry {
        /** Checks for nulls. */
        public Performed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(actionType, "actionType");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }

        /** Whether the step failed. */
        public boolean failed() {
            return outcome.hasNonNull("error");
        }
    }

    /**
     * The built-in sleep at step {@code key} began and wakes at {@code wakeAt} (run's clock): a
     * resumed run sleeps only for what is left.
     */
    record Sleeping(String key, Instant wakeAt, Instant at) implements JournalEntry {
        /** Checks for nulls. */
        public Sleeping {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(wakeAt, "wakeAt");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A message sent into the run: {@code value} (of class {@code type}) under {@code key}; a resumed run gets it again. */
    record Message(String key, String type, JsonNode value, Instant at) implements JournalEntry {
        /** Checks for nulls. */
        public Message {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The run ended with {@code outcome} (its value, or its error, as the codec writes an outcome). */
    record Ended(JsonNode outcome, Instant at) implements JournalEntry {
        /** Checks for nulls. */
        public Ended {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }

        /** Whether the run failed (or was cancelled). */
        public boolean failed() {
            return outcome.hasNonNull("error");
        }
    }
}
