package dev.pureflow.interpreters.process;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a stream's bytes, arriving in chunks of any size, into lines: a character split across two
 * chunks is decoded whole, and the last line counts even without a terminator. Malformed input is
 * replaced, never fatal; a line longer than the maximum is cut into pieces rather than held whole.
 * Confined to one reader thread.
 */
final class LineDecoder {

    private final CharsetDecoder decoder;
    private final int maxLineLength;
    private final Consumer<String> lines;
    private final StringBuilder partial = new StringBuilder();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private final CharBuffer decoded = CharBuffer.allocate(64 * 1024);

    /** Lines longer than {@code maxLineLength} characters are emitted in pieces of that length. */
    LineDecoder(Charset charset, int maxLineLength, Consumer<String> lines) {
        this.maxLineLength = maxLineLength;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.lines = lines;
    }

    /** Decodes {@code length} bytes of {@code chunk}, emitting every line they complete. */
    void feed(byte[] chunk, int length) {
        ByteBuffer input;
        if (pending.hasRemaining()) {
            input = ByteBuffer.allocate(pending.remaining() + length);
            input.put(pending).put(chunk, 0, length).flip();
        } else {
            input = ByteBuffer.wrap(chunk, 0, length);
        }
        decode(input, false);
        pending = copyRemaining(input);
    }

    /** The stream ended: decodes what is left and emits the last line, terminated or not. */
    void finish() {
        decode(pending, true);
        decoded.clear();
        decoder.flush(decoded);
        decoded.flip();
        append(decoded);
        if (!partial.isEmpty()) {
            emit(partial.toString());
            partial.setLength(0);
        }
    }

    private void decode(ByteBuffer input, boolean endOfInput) {
        while (true) {
            decoded.clear();
            var result = decoder.decode(input, decoded, endOfInput);
            decoded.flip();
            append(decoded);
            if (!result.isOverflow()) {
                return;
            }
        }
    }

    private void append(CharBuffer chars) {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                emit(partial.toString());
                partial.setLength(0);
            } else {
                partial.append(c);
                if (partial.length() >= maxLineLength) {
                    emit(partial.toString()); // bound memory for output that never ends a line
                    partial.setLength(0);
                }
            }
        }
    }

    private void emit(String line) {
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    private static ByteBuffer copyRemaining(ByteBuffer input) {
        ByteBuffer rest = ByteBuffer.allocate(input.remaining());
        rest.put(input).flip();
        return rest;
    }

    /** Splits already-decoded text the same way. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(stripCarriageReturn(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(stripCarriageReturn(text.substring(start)));
        }
        return List.copyOf(lines);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
