package dev.pureflow.state;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import java.util.List;

/** A step that writes {@code text} to the tests' trace: what the machine did, in order. */
record Note(String text) implements Action<Void> {

    static Program<Void> note(Object text) {
        return Program.perform(new Note(String.valueOf(text)));
    }

    /** An executor that appends each note to {@code trace}. */
    static Executor writingTo(List<String> trace) {
        return Executor.of(Note.class, note -> {
            trace.add(note.text());
            return null;
        });
    }
}
