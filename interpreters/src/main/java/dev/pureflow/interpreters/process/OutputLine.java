package dev.pureflow.interpreters.process;

import java.util.Objects;

/**
 * One line a process wrote, without its line terminator ({@code \n} or {@code \r\n}); the last line
 * of a stream counts even without a terminator.
 *
 * @param stream which stream it came from
 * @param text   the decoded line
 */
public record OutputLine(Stream stream, String text) {

    /** A process's output streams. */
    public enum Stream {
        /** Standard output. */
        STDOUT,
        /** Standard error. */
        STDERR,
        /** Standard output and standard error as one stream, of a command with {@link OutputMode#MERGED} output. */
        OUTPUT
    }

    public OutputLine {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }
}
