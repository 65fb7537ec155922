package dev.pureflow.testkit;

import dev.pureflow.Action;
import java.util.List;

/** The actions of the testkit's own tests: a small deploy pipeline. */
sealed interface Ops<R> extends Action<R> {

    record Fetch(String key) implements Ops<String> {}

    record Put(String key, String value) implements Ops<Void> {}

    record Build(String service) implements Ops<String> {}

    record RunTests(String service) implements Ops<Boolean> {}

    record Deploy(String service) implements Ops<Void> {}

    record Cleanup(String service) implements Ops<Void> {}

    /** Holds something Jackson cannot map: recording it must be refused. */
    record Opaque(java.io.InputStream handle) implements Ops<Void> {}

    record ListKeys() implements Ops<List<String>> {}
}
