package dev.pureflow.observability;

/** The attempts of the call in progress on this thread; a nested call keeps its caller's count aside. */
final class Attempts {
    static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();

    private Attempts() {}
}
