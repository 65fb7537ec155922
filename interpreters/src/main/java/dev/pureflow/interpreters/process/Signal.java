package dev.pureflow.interpreters.process;

/**
 * The POSIX signals a kill can begin with: the portable ones whose numbers are the same on Linux,
 * macOS and the BSDs. A command's {@link Command#killSignal() kill signal} is sent first, to each
 * process of its tree, whenever pureflow ends it (a timeout, a {@link ProcessAction.Kill}, a
 * cancelled run, closing the executor, the JVM's exit); {@link #KILL} follows after the command's
 * kill grace for whatever is left. Most tools stop cleanly on {@link #TERM}; some (interactive
 * ones, servers that reload on {@code HUP}, tools that treat {@code Ctrl-C} as "finish up") want
 * {@link #INT} or {@link #HUP} instead.
 *
 * <p>A process ended by signal n exits with 128 + n, which is how a {@link ProcessResult} tells
 * which signal ended it.
 */
public enum Signal {
    /** Hang-up (1): many daemons reload or shut down on it. */
    HUP(1),
    /** Interrupt (2): what {@code Ctrl-C} sends. */
    INT(2),
    /** Quit (3): like INT, and many programs dump core or a thread dump. */
    QUIT(3),
    /** Kill (9): cannot be caught or ignored; ends the process at once. */
    KILL(9),
    /** Terminate (15): the polite default. */
    TERM(15);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** Its number on Linux (and the other POSIX systems, for these five). */
    public int number() {
        return number;
    }

    /** The exit code of a process this signal ended: 128 + its number. */
    public int exitCode() {
        return 128 + number;
    }
}
