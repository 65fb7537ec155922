package dev.pureflow;

import io.vavr.collection.List;

/** The last few actions performed on one branch, so an error can say where in the flow it was. */
final class Trail {

    private static final int KEPT = 5;

    private final Action<?>[] ring = new Action<?>[KEPT];
    private long count;

    void add(Action<?> action) {
        ring[(int) (count++ % KEPT)] = action;
    }

    void clear() {
        count = 0;
    }

    /** A copy of what this trail holds now, to {@link #restore} later. */
    Trail copy() {
        Trail copy = new Trail();
        System.arraycopy(ring, 0, copy.ring, 0, KEPT);
        copy.count = count;
        return copy;
    }

    /** Makes this trail hold again what {@code saved} holds. */
    void restore(Trail saved) {
        System.arraycopy(saved.ring, 0, ring, 0, KEPT);
        count = saved.count;
    }

    /** The kept actions, oldest first. */
    List<Action<?>> snapshot() {
        List<Action<?>> recent = List.empty();
        for (long i = Math.max(0, count - KEPT); i < count; i++) {
            recent = recent.append(ring[(int) (i % KEPT)]);
        }
        return recent;
    }
}
