package dev.pureflow;

import java.util.Objects;

/**
 * Which step of a run this is, independent of scheduling: the path of the branch it ran on and its
 * ordinal within that path, printed {@code main/2/0#3}.
 *
 * <p>The path is {@code main} for the run's top level. Inside a parallel block that is step
 * ordinal {@code k} of path {@code P}, branch {@code i} runs on path {@code P/k/i}, so two blocks
 * one after another never share a branch path. Ordinals count from 0 in each path: every performed
 * action (built-in ones included) and every parallel block takes the next ordinal of its path, and
 * the steps of a direct-style body take ordinals in the path where the body runs. So a key names
 * the same step whatever the parallelism and whichever branch finishes first, which is what lets a
 * journal, a replay, a trace and Temporal agree on which step is which (unlike
 * {@link Step#number()}, an order of arrival). Immutable.
 *
 * @param path    the branch path: {@code main}, or {@code main/2/0} inside parallel blocks
 * @param ordinal the step's position in its path, counting from 0
 */
public record StepKey(String path, int ordinal) {

    /** The path of a run's top level. */
    public static final String MAIN = "main";

    public StepKey {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a step key's path must be non-empty and hold no '#', was \"" + path + "\"");
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("a step key's ordinal must be at least 0, was " + ordinal);
        }
    }

    /**
     * The key {@code text} prints, as {@link #toString()} writes it ({@code main/2/0#3}).
     *
     * @throws IllegalArgumentException if {@code text} is not {@code path#ordinal}
     */
    public static StepKey parse(String text) {
        Objects.requireNonNull(text, "text");
        int hash = text.lastIndexOf('#');
        boolean digitsAfterHash = hash > 0 && hash < text.length() - 1
                && text.chars().skip(hash + 1).allMatch(c -> c >= '0' && c <= '9');
        if (!digitsAfterHash) {
            throw notAKey(text, null);
        }
        try {
            return new StepKey(text.substring(0, hash), Integer.parseInt(text, hash + 1, text.length(), 10));
        } catch (NumberFormatException tooLarge) {
            throw notAKey(text, tooLarge);
        }
    }

    private static IllegalArgumentException notAKey(String text, Throwable cause) {
        return new IllegalArgumentException("not a step key (path#ordinal, as main/2/0#3): \"" + text + "\"", cause);
    }

    /** The key as {@link #parse} reads it: {@code path#ordinal}. */
    @Override
    public String toString() {
        return path + "#" + ordinal;
    }
}
