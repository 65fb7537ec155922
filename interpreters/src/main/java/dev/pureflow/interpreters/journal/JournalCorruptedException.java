package dev.pureflow.interpreters.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A journal file holds a damaged record followed by intact ones: not a write cut short by a crash
 * (that is only ever the last record, and is dropped), but damage to what was already on disk. The
 * journal refuses to guess; the message names the file and the byte offset of the damaged record.
 */
public final class JournalCorruptedException extends RuntimeException {

    private final transient Path file;
    private final long offset;

    /** The record at {@code offset} of {@code file} is damaged, for the {@code reason} given. */
    public JournalCorruptedException(Path file, long offset, String reason) {
        super("journal " + Objects.requireNonNull(file, "file") + " is corrupt at byte offset " + offset + ": "
                + Objects.requireNonNull(reason, "reason"));
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Where the damaged record starts, in bytes from the start of the file. */
    public long offset() {
        return offset;
    }
}
