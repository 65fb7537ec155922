package dev.pureflow.interpreters.process;

import java.util.List;

/** A command was rejected before anything started: a missing program or directory, a bad argument. */
public final class InvalidCommandException extends IllegalArgumentException {

    private final transient List<String> argv;

    InvalidCommandException(List<String> argv, String problem) {
        super("cannot run " + argv + ": " + problem);
        this.argv = List.copyOf(argv);
    }

    /** The rejected argv. */
    public List<String> argv() {
        return argv;
    }
}
