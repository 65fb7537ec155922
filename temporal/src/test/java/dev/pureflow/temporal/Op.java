package dev.pureflow.temporal;

import dev.pureflow.Action;
import java.util.List;

/** The actions of this module's tests: plain records, as actions that travel to Temporal must be. */
sealed interface Op<R> extends Action<R> {

    record Fetch(String container, int n) implements Op<List<String>> {}

    record Greet(String name) implements Op<Void> {}

    record Add(int a, int b) implements Op<Integer> {}

    /** Always fails with an {@link java.io.IOException} saying {@code why}. */
    record Boom(String why) implements Op<String> {}

    /** Fails its first {@code failures} attempts with an {@link java.io.IOException}, then answers the attempt number. */
    record Flaky(String id, int failures) implements Op<Integer> {}

    record Acquire(String name) implements Op<String> {}

    record Release(String lease) implements Op<Void> {}

    /** Blocks until interrupted. */
    record Hang(String id) implements Op<Void> {}

    /** Answers {@code size} characters of text. */
    record Blob(int size) implements Op<String> {}

    record Echo(String text) implements Op<String> {}

    // the deploy pipeline of the testkit showcase (examples' Pipeline), as Ops

    /** Builds {@code service}; answers the artifact. */
    record Build(String service) implements Op<String> {}

    /** Tests an artifact; answers whether they passed (not for an artifact of a service named broken...). */
    record RunTests(String artifact) implements Op<Boolean> {}

    /** Ships an artifact. */
    record Ship(String artifact) implements Op<Void> {}

    /** Removes a build's scratch space. */
    record Cleanup(String service) implements Op<Void> {}
}
