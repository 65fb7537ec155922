package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.interpreters.codec.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run's journal: {@link JournalEntry}s as JSON records in a {@link JournalFile}, one file per
 * run. One file per run (rather than one per runner) keeps recovery and deletion per run: a finished
 * run is deleted by removing its file, a torn tail or damage concerns one run only, and runs append
 * without contending for one lock; the cost, a directory entry per run, is small.
 *
 * <p>Each record is {@code {"kind": "started"|"performed"|"sleeping"|"message"|"ended", ...}} with the entry's fields.
 * Thread-safe: appends are serialised by the file.
 */
public final class RunJournal implements AutoCloseable {

    private final JournalFile file;
    /** Decoded when first asked for: a resume reads the records its own, cheaper way ({@link #recoveredForReplay}). */
    private List<JournalEntry> recovered;

    private RunJournal(JournalFile file) {
        this.file = file;
    }

    /**
     * Opens (or creates) the journal in {@code file}, dropping a torn last record.
     *
     * @throws JournalCorruptedException if a damaged record is followed by an intact one
     */
    public static RunJournal open(Path file, Durability durability) throws IOException {
        return new RunJournal(JournalFile.open(file, durability));
    }

    /**
     * The entries of the journal in {@code file}, without changing it (a torn last record is left out).
     *
     * @throws JournalCorruptedException if a damaged record is followed by an intact one
     */
    public static List<JournalEntry> read(Path file) throws IOException {
        return decodeAll(file, JournalFile.read(file).records());
    }

    /**
     * The entries that were in the file when it was opened, oldest first.
     *
     * @throws IllegalArgumentException if an intact record is not a journal entry
     */
    public synchronized List<JournalEntry> recovered() {
        if (recovered == null) {
            recovered = decodeAll(file.file(), file.recovered());
        }
        return recovered;
    }

    /**
     * What a resume needs of the records that were in the file when it was opened, oldest first:
     * each {@code performed} record as a {@link RecordedStep} (read without building trees, its
     * answer read when its step is replayed), every other record decoded in full.
     */
    List<Object> recoveredForReplay() {
        List<byte[]> records = file.recovered();
        JsonFactory json = CODEC.mapper().getFactory();
        List<Object> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RecordedStep step = RecordedStep.scan(json, file.file(), i, records.get(i));
            entries.add(step != null ? step : decode(file.file(), i, records.get(i)));
        }
        return entries;
    }

    /** The file. */
    public Path file() {
        return file.file();
    }

    /** How many bytes the journal holds. */
    public long size() {
        return file.size();
    }

    /** Appends {@code entry}, durable as the journal's {@link Durability} says when this returns. */
    public void append(JournalEntry entry) throws IOException {
        file.append(encode(entry));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** The bytes of {@code entry}'s record. */
    static byte[] encode(JournalEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (entry) {
            case JournalEntry.Started started -> {
                node.put("kind", "started");
                node.put("run", started.runId());
                node.put("factory", started.factory());
                node.set("arguments", started.arguments());
            }
            case JournalEntry.Performed performed -> {
                node.put("kind", "performed");
                node.put("key", performed.key());
                node.put("action", performed.actionType());
                node.set("input", performed.action());
                node.set("outcome", performed.outcome());
            }
            case JournalEntry.Sleeping sleeping -> {
                node.put("kind", "sleeping");
                node.put("key", sleeping.key());
                node.put("wakeAt", sleeping.wakeAt().toString());
            }
            case JournalEntry.Message message -> {
                node.put("kind", "message");
                node.put("key", message.key());
                node.put("type", message.type());
                node.set("value", message.value());
            }
            case JournalEntry.Ended ended -> {
                node.put("kind", "ended");
                node.set("outcome", ended.outcome());
            }
        }
        node.put("at", entry.at().toString());
        return CODEC.writeBytes(node);
    }

    private static List<JournalEntry> decodeAll(Path file, List<byte[]> records) {
        List<JournalEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            entries.add(decode(file, i, records.get(i)));
        }
        return List.copyOf(entries);
    }

    /** The entry of record {@code index} (for messages) of {@code file}. */
    static JournalEntry decode(Path file, int index, byte[] record) {
        Objects.requireNonNull(record, "record");
        try {
            JsonNode node = CODEC.read(record);
            Instant at = Instant.parse(node.get("at").asText());
            return switch (node.path("kind").asText()) {
                case "started" -> new JournalEntry.Started(node.get("run").asText(), node.get("factory").asText(), node.get("arguments"), at);
                case "performed" -> new JournalEntry.Performed(node.get("key").asText(), node.get("action").asText(), node.get("input"),
                        node.get("outcome"), at);
                case "sleeping" -> new JournalEntry.Sleeping(node.get("key").asText(), Instant.parse(node.get("wakeAt").asText()), at);
                case "message" -> new JournalEntry.Message(node.get("key").asText(), node.get("type").asText(), node.get("value"), at);
                case "ended" -> new JournalEntry.Ended(node.get("outcome"), at);
                default -> throw new IllegalArgumentException("unknown kind " + node.path("kind"));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record " + index + " of journal " + file + " is intact but not a journal entry: "
                    + e.getMessage(), e);
        }
    }
}
