package dev.pureflow.examples.lifecycle;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one action of the lifecycle example: print a line.
 *
 * @param line the line to print
 */
public record Print(String line) implements Action<Void> {

    public Print {
        Objects.requireNonNull(line, "line");
    }

    /** An executor that hands each printed line to {@code out}. */
    public static Executor printingTo(Consumer<String> out) {
        Objects.requireNonNull(out, "out");
        return Executor.of(Print.class, print -> {
            out.accept(print.line());
            return null;
        });
    }
}
