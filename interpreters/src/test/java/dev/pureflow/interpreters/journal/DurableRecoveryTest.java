package dev.pureflow.interpreters.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Recovery reads answers straight from the journal's bytes (no JSON tree per step): whatever the
 * answers hold (escapes, non-ASCII text, lists, maps, null), a resumed run gets back exactly what the
 * executor answered the first time, without calling it.
 */
class DurableRecoveryTest {

    sealed interface Ops<R> extends Action<R> {}

    record Echo(String text, double weight) implements Ops<String> {}

    record Split(String text) implements Ops<List<String>> {}

    record Index(Map<String, Integer> counts) implements Ops<Map<String, Integer>> {}

    record Nothing(String text) implements Ops<Void> {}

    record Params(List<String> texts) {}

    record Result(List<String> echoes, List<List<String>> splits, Map<String, Integer> index, int nothings) {}

    static final DurableFlow<Params, Result> FLOW = DurableFlow.of("answers", Params.class, params ->
            Program.traverse(params.texts(), text -> Program.perform(new Echo(text, text.length() / 3.0))).flatMap(echoes ->
                    Program.traverse(params.texts(), text -> Program.perform(new Split(text))).flatMap(splits ->
                            Program.perform(new Index(counts(params.texts()))).flatMap(index ->
                                    Program.traverse(params.texts(), text -> Program.perform(new Nothing(text)))
                                            .map(nothings -> new Result(echoes.toJavaList(), splits.toJavaList(), index,
                                                    nothings.size()))))));

    static Map<String, Integer> counts(List<String> texts) {
        Map<String, Integer> counts = new java.util.TreeMap<>(Comparator.reverseOrder()); // not the order JSON sorts them in
        texts.forEach(text -> counts.merge(text, 1, Integer::sum));
        return counts;
    }

    static Executor executor(AtomicInteger calls) {
        return Executor.of(Ops.class, action -> {
            calls.incrementAndGet();
            return switch (action) {
                case Echo echo -> "\"" + new StringBuilder(echo.text()).reverse() + "\\é\n" + echo.weight();
                case Split split -> List.of(split.text().split("", -1));
                case Index index -> index.counts();
                case Nothing nothing -> null;
            };
        });
    }

    @Property(tries = 25)
    void a_resumed_run_gets_back_every_journaled_answer_exactly_without_the_executor(
            @ForAll @Size(max = 6) List<@StringLength(max = 12) String> texts) throws IOException {
        Path root = Files.createTempDirectory("recovery");
        try {
            AtomicInteger firstCalls = new AtomicInteger();
            DurableRunner first = DurableRunner.builder(root, executor(firstCalls)).register(FLOW).build();
            Result expected = first.start("r", FLOW, new Params(texts)).await();
            dropEnd(root.resolve("r.journal")); // what a kill -9 just before the end leaves

            AtomicInteger resumedCalls = new AtomicInteger();
            Object resumed = DurableRunner.builder(root, executor(resumedCalls)).register(FLOW).build().resume("r").await();

            assertThat(resumed).isEqualTo(expected);
            assertThat(resumedCalls).hasValue(0);
            assertThat(firstCalls).hasValue(3 * texts.size() + 1);
        } finally {
            deleteTree(root);
        }
    }

    /** Rewrites the journal without its last record, the run's end. */
    static void dropEnd(Path file) throws IOException {
        List<byte[]> records = JournalFile.read(file).records();
        assertThat(RunJournal.decode(file, records.size() - 1, records.getLast())).isInstanceOf(JournalEntry.Ended.class);
        try (var out = Files.newOutputStream(file)) {
            for (byte[] record : records.subList(0, records.size() - 1)) {
                out.write(JournalFile.frame(record).array());
            }
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
