package dev.pureflow;

import java.util.function.Function;

/**
 * The interpreter's continuation stack: each entry is a {@link Frame}, or a bare
 * {@link Function} for a {@code flatMap} continuation (the most common frame, pushed without a
 * wrapper so a left-nested chain of a million binds allocates nothing per bind here).
 *
 * <p>Entries live in chunks linked downwards, so growing never copies what is already pushed (a
 * doubling array copies a deep chain's frames again at every doubling, and its last, biggest
 * copies are huge arrays the collector handles worst). The first chunk is allocated on the first
 * push: most parallel branches push nothing. The chunk last emptied is kept, so a loop that
 * pushes and pops around a chunk's edge does not allocate each time. Confined to its fiber's
 * thread.
 */
final class FrameStack {

    private static final int FIRST_CHUNK = 16;
    private static final int LARGEST_CHUNK = 4096;
    /** Slot 0 of every chunk links to the chunk below (null for the first). */
    private static final int LINK = 0;

    private Object[] chunk;
    private Object[] spare;
    private int top = 1; // the next free slot of chunk
    private int size;

    /** How many entries are pushed: a nested interpretation runs until the stack is back to the size it started at. */
    int size() {
        return size;
    }

    void push(Object entry) {
        Object[] current = chunk;
        if (current == null || top == current.length) {
            current = grow();
        }
        current[top++] = entry;
        size++;
    }

    /** Removes and returns the top entry; call only when {@link #size()} is above zero. */
    Object pop() {
        if (top == 1) {
            shrink();
        }
        Object entry = chunk[--top];
        chunk[top] = null; // no reference kept to a continuation that has run
        size--;
        return entry;
    }

    private Object[] grow() {
        Object[] next;
        if (chunk == null) {
            next = new Object[FIRST_CHUNK + 1];
        } else if (spare != null && spare.length >= chunk.length) {
            next = spare;
            spare = null;
        } else {
            next = new Object[Math.min(LARGEST_CHUNK, (chunk.length - 1) * 2) + 1];
        }
        next[LINK] = chunk;
        chunk = next;
        top = 1;
        return next;
    }

    private void shrink() {
        Object[] emptied = chunk;
        chunk = (Object[]) emptied[LINK];
        emptied[LINK] = null;
        spare = emptied;
        top = chunk.length;
    }
}
