package dev.pureflow;

import io.vavr.collection.List;

/** The last few actions performed on one branch, so an error can say where in the flow it was. */
final class Trail {

    private static final int KEPT = 5;

    private final Action<?>[] ring = new Action<?>[KEPT];
    private int next;   // where the next action goes
    private int filled; // how many slots hold an action, at most KEPT

    void add(Action<?> action) {
        ring[next] = action;
        next = next + 1 == KEPT ? 0 : next + 1; // no division on the per-step path
        if (filled < KEPT) {
            filled++;
        }
    }

    void clear() {
        next = 0;
        filled = 0;
    }

    /** A copy of what this trail holds now, to {@link #restore} later. */
    Trail copy() {
        Trail copy = new Trail();
        copy.restore(this);
        return copy;
    }

    /** Makes this trail hold again what {@code saved} holds. */
    void restore(Trail saved) {
        System.arraycopy(saved.ring, 0, ring, 0, KEPT);
        next = saved.next;
        filled = saved.filled;
    }

    /** The kept actions, oldest first. */
    List<Action<?>> snapshot() {
        List<Action<?>> recent = List.empty();
        for (int i = 0; i < filled; i++) {
            recent = recent.prepend(ring[Math.floorMod(next - 1 - i, KEPT)]);
        }
        return recent;
    }
}
