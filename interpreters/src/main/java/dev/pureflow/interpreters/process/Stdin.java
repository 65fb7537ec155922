package dev.pureflow.interpreters.process;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a child process reads on standard input. Immutable. Its contents are never shown: the
 * {@code toString} of text and bytes says only how much there is, so no log line, error message,
 * trace or recording pureflow writes contains them.
 */
public sealed interface Stdin {

    /** Nothing: stdin is closed at once. */
    record None() implements Stdin {}

    /** These bytes, then end of input. */
    record Bytes(byte[] bytes) implements Stdin {
        public Bytes {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && java.util.Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes]";
        }
    }

    /** This text, encoded with the command's charset, then end of input. */
    record Text(String text) implements Stdin {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Text[" + text.length() + " chars]";
        }
    }

    /** The contents of this file, streamed. */
    record FromFile(Path file) implements Stdin {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Nothing. */
    static Stdin none() {
        return new None();
    }

    /** These bytes. */
    static Stdin bytes(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** This text. */
    static Stdin text(String text) {
        return new Text(text);
    }

    /** The contents of {@code file}. */
    static Stdin file(Path file) {
        return new FromFile(file);
    }
}
