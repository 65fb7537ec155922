package dev.pureflow;

import io.vavr.collection.List;

/** The last few actions performed on one branch, so an error can say where in the flow it was. */
final class Trail {

    private static final int KEPT = 5;
    /** The ring holds a power of two slots, at least KEPT, so a step's slot is a mask away: no branch, no division. */
    private static final int SLOTS = 8;

    // Object[], not Action<?>[]: storing into an array of an interface type costs a subtype check per store
    private final Object[] ring = new Object[SLOTS];
    private long added; // how many actions were ever added; the next goes to slot added & (SLOTS - 1)

    void add(Action<?> action) {
        ring[(int) added & (SLOTS - 1)] = action;
        added++;
    }

    void clear() {
        added = 0;
    }

    /** A copy of what this trail holds now, to {@link #restore} later. */
    Trail copy() {
        Trail copy = new Trail();
        copy.restore(this);
        return copy;
    }

    /** Makes this trail hold again what {@code saved} holds. */
    void restore(Trail saved) {
        System.arraycopy(saved.ring, 0, ring, 0, SLOTS);
        added = saved.added;
    }

    /** The kept actions, oldest first. */
    List<Action<?>> snapshot() {
        List<Action<?>> recent = List.empty();
        long kept = Math.min(added, KEPT);
        for (long i = 1; i <= kept; i++) {
            recent = recent.prepend((Action<?>) ring[(int) (added - i) & (SLOTS - 1)]);
        }
        return recent;
    }
}
