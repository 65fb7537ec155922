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

    /** The kept actions, oldest first. */
    List<Action<?>> snapshot() {
        List<Action<?>> recent = List.empty();
        for (long i = Math.max(0, count - KEPT); i < count; i++) {
            recent = recent.append(ring[(int) (i % KEPT)]);
        }
        return recent;
    }
}
