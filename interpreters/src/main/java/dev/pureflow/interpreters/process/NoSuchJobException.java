package dev.pureflow.interpreters.process;

/** A job id names no running job and no ended job the executor still keeps. */
public final class NoSuchJobException extends IllegalArgumentException {

    NoSuchJobException(String id, java.util.Collection<String> known) {
        super("no job '" + id + "'" + (known.isEmpty() ? "; there are no jobs" : "; known jobs: " + String.join(", ", known)));
    }
}
