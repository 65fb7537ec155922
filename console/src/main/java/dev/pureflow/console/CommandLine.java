package dev.pureflow.console;

import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed command line into words the way a user expects from a shell, without a shell:
 * words are separated by whitespace, single quotes keep everything literally, double quotes keep
 * whitespace and a backslash escapes the next character (outside single quotes). Nothing is
 * expanded: no variables, globs, pipes or redirections; {@code ;}, {@code |} and {@code $} are
 * characters of a word like any other. Stateless.
 */
final class CommandLine {

    private CommandLine() {}

    /** The words of {@code line}, or why it cannot be split (an unclosed quote, no word at all). */
    static Either<String, List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    return Either.left("the command line ends with a lone backslash");
                }
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return Either.left("the command line has an unclosed " + (quote == '\'' ? "single" : "double") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.isEmpty() ? Either.left("the command line is empty") : Either.right(List.copyOf(words));
    }

    /** {@code word} quoted so that {@link #split} gives it back as one word. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
