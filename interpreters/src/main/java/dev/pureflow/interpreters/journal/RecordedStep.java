package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@code performed} record as a resume needs it, read without building its JSON tree: recovery
 * of a long run reads every record, and building trees (and parsing times) for all of them cost
 * most of it. One streaming pass finds the key, the action type, where the action's fields and the
 * answer lie in the record's bytes, and whether the outcome is an error; the replay then compares
 * the action's bytes and reads the answer straight from them, and builds the trees only on the slow
 * paths (an error, a message read's answer, actions whose bytes differ: possibly a divergence).
 * Immutable once read; the record's bytes must not change.
 */
final class RecordedStep {

    private final Path file;
    private final int index;
    private final byte[] record;
    final String key;
    final String actionType;
    /** Where the action's fields ({@code input}) lie in {@link #record}: start and end (exclusive). */
    private final int inputStart;
    private final int inputEnd;
    /** The answer's class name as written, or null (an error, or a null answer). */
    final String resultType;
    /** Where the answer ({@code result}) lies in {@link #record}, or -1 if absent. */
    private final int resultStart;
    private final int resultEnd;
    /** Whether the outcome is an error or holds fields other than a plain answer: read from the tree. */
    final boolean plainAnswer;
    private volatile JournalEntry.Performed entry;

    private RecordedStep(Path file, int index, byte[] record, String key, String actionType, int inputStart, int inputEnd,
            String resultType, int resultStart, int resultEnd, boolean plainAnswer) {
        this.file = file;
        this.index = index;
        this.record = record;
        this.key = key;
        this.actionType = actionType;
        this.inputStart = inputStart;
        this.inputEnd = inputEnd;
        this.resultType = resultType;
        this.resultStart = resultStart;
        this.resultEnd = resultEnd;
        this.plainAnswer = plainAnswer;
    }

    /**
     * The record's step if it is a {@code performed} record, else null (the caller decodes it in
     * full). A record the pass cannot make out is left to the full decoding too, which names it.
     */
    static RecordedStep scan(JsonFactory json, Path file, int index, byte[] record) {
        try (JsonParser parser = json.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String kind = null;
            String key = null;
            String actionType = null;
            int inputStart = -1;
            int inputEnd = -1;
            Outcome outcome = null;
            boolean inInput = false;
            for (String field = parser.nextFieldName(); ; field = parser.nextFieldName()) {
                if (inInput) { // the input ends where the next token starts: no guess at how far the parser read ahead
                    inputEnd = end(record, inputStart, parser);
                    inInput = false;
                }
                if (field == null) {
                    break;
                }
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "kind" -> {
                        kind = parser.getValueAsString();
                        if (!"performed".equals(kind)) {
                            return null;
                        }
                    }
                    case "key" -> key = parser.getValueAsString();
                    case "action" -> actionType = parser.getValueAsString();
                    case "input" -> {
                        inputStart = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        inInput = true;
                    }
                    case "outcome" -> outcome = value == JsonToken.START_OBJECT ? outcome(parser, record) : null;
                    default -> parser.skipChildren();
                }
            }
            if (!"performed".equals(kind) || key == null || actionType == null || inputStart < 0 || outcome == null) {
                return null;
            }
            return new RecordedStep(file, index, record, key, actionType, inputStart, inputEnd, outcome.resultType, outcome.resultStart,
                    outcome.resultEnd, outcome.plain);
        } catch (IOException | RuntimeException notReadable) {
            return null;
        }
    }

    private record Outcome(String resultType, int resultStart, int resultEnd, boolean plain) {}

    /** Reads the outcome object the parser is at the start of, up to its end. */
    private static Outcome outcome(JsonParser parser, byte[] record) throws IOException {
        String resultType = null;
        int resultStart = -1;
        int resultEnd = -1;
        boolean plain = true;
        boolean inResult = false;
        for (String field = parser.nextFieldName(); ; field = parser.nextFieldName()) {
            if (inResult) {
                resultEnd = end(record, resultStart, parser);
                inResult = false;
            }
            if (field == null) {
                break;
            }
            JsonToken value = parser.nextToken();
            switch (field) {
                case "resultType" -> resultType = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                case "result" -> {
                    resultStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    inResult = true;
                }
                default -> {
                    plain = false; // an error, or a message read's presence: the tree path reads those
                    parser.skipChildren();
                }
            }
        }
        return new Outcome(resultType, resultStart, resultEnd, plain && resultStart >= 0);
    }

    /**
     * Where a value that began at {@code start} ends: at the start of the token the parser is now at
     * (the next field's name or the object's end), less the comma and blanks between them.
     */
    private static int end(byte[] record, int start, JsonParser parser) {
        int end = (int) parser.currentTokenLocation().getByteOffset();
        while (end > start && (record[end - 1] == ',' || record[end - 1] == ' ' || record[end - 1] == '\n' || record[end - 1] == '\r'
                || record[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /** Whether {@code actionBytes}, an action written by the journal's mapper, are the recorded fields byte for byte. */
    boolean sameInput(byte[] actionBytes) {
        return Arrays.equals(record, inputStart, inputEnd, actionBytes, 0, actionBytes.length);
    }

    /** The record's bytes; the answer lies at {@link #resultStart} for {@link #resultLength} bytes. */
    byte[] bytes() {
        return record;
    }

    int resultStart() {
        return resultStart;
    }

    int resultLength() {
        return resultEnd - resultStart;
    }

    /** The whole entry, trees and all, decoded once when a slow path needs it. */
    JournalEntry.Performed entry() {
        JournalEntry.Performed decoded = entry;
        if (decoded == null) {
            decoded = (JournalEntry.Performed) RunJournal.decode(file, index, record);
            entry = decoded;
        }
        return decoded;
    }

    /** The recorded action's fields as a tree. */
    JsonNode action() {
        return entry().action();
    }

    /** The recorded outcome as a tree. */
    JsonNode outcome() {
        return entry().outcome();
    }
}
