package dev.pureflow.bench;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.interpreters.journal.Durability;
import dev.pureflow.interpreters.journal.DurableFlow;
import dev.pureflow.interpreters.journal.DurableRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable journal (issue 11): a 200-step durable run with the journal forced to disk every step,
 * and with group commit, against the physical floor, a raw {@link FileChannel} append of frames of
 * the same size followed by {@code force} (and without it); and the recovery of a run of 10,000 and
 * 100,000 journaled steps: opening its journal, building the program again and replaying every step
 * to the end without the executor. Figures for the runs are time per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class JournalBenchmark {

    static final int STEPS = 200;

    sealed interface Op<R> extends Action<R> {}

    record Add(int step, String payload) implements Op<Integer> {}

    record Params(int steps) {}

    static final DurableFlow<Params, Integer> SUM = DurableFlow.of("sum", Params.class, params ->
            Program.traverse(io.vavr.collection.List.range(0, params.steps()), i -> Program.perform(new Add(i, "deploy web-" + i)))
                    .map(values -> values.sum().intValue()));

    static final Executor EXECUTOR = Executor.of(Op.class, action -> switch (action) {
        case Add add -> add.step();
    });

    private final AtomicLong runs = new AtomicLong();
    private Path directory;
    private DurableRunner everyStep;
    private DurableRunner groupCommit;
    private byte[] frame;
    private Path rawFile;
    private FileChannel raw;

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("journal-bench");
        everyStep = DurableRunner.builder(directory.resolve("sync"), EXECUTOR).register(SUM).build();
        groupCommit = DurableRunner.builder(directory.resolve("group"), EXECUTOR).register(SUM)
                .durability(Durability.groupCommit(Duration.ofMillis(10))).build();
        // a step's record as the journal writes it, measured from a run: the raw appends write as many bytes
        everyStep.start("probe", SUM, new Params(STEPS)).await();
        long bytes = Files.size(directory.resolve("sync/probe.journal"));
        frame = new byte[(int) (bytes / (STEPS + 2))];
        rawFile = directory.resolve("raw.bin");
    }

    @Setup(Level.Iteration)
    public void openRaw() throws IOException {
        raw = FileChannel.open(rawFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @TearDown(Level.Iteration)
    public void cleanIteration() throws IOException {
        raw.close();
        everyStep.prune(Duration.ZERO.minusSeconds(1), 0);
        groupCommit.prune(Duration.ZERO.minusSeconds(1), 0);
    }

    @TearDown
    public void tearDown() throws IOException {
        deleteTree(directory);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object durableRunForcedEveryStep() {
        return everyStep.start("run-" + runs.incrementAndGet(), SUM, new Params(STEPS)).await();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object durableRunGroupCommit() {
        return groupCommit.start("run-" + runs.incrementAndGet(), SUM, new Params(STEPS)).await();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long rawAppendAndForce() throws IOException {
        for (int i = 0; i < STEPS; i++) {
            raw.write(ByteBuffer.wrap(frame));
            raw.force(false);
        }
        return raw.position();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long rawAppend() throws IOException {
        for (int i = 0; i < STEPS; i++) {
            raw.write(ByteBuffer.wrap(frame));
        }
        return raw.position();
    }

    /** Recovery: a run with {@code steps} journaled steps and no end, copied afresh before each resume. */
    @State(Scope.Benchmark)
    public static class Recovery {
        @Param({"10000", "100000"})
        public int steps;

        Path template;
        Path live;
        DurableRunner runner;

        @Setup(Level.Trial)
        public void journal() throws IOException {
            Path root = Files.createTempDirectory("journal-recovery");
            template = root.resolve("template");
            live = root.resolve("live");
            // a run that crashed just before its end: every step journaled, the end not
            DurableRunner writer = DurableRunner.builder(template, EXECUTOR).register(SUM)
                    .durability(Durability.groupCommit(Duration.ofMillis(50))).build();
            writer.start("recover", SUM, new Params(steps)).await();
            // drop the end record: what a kill -9 just before it leaves
            dropLastRecord(template.resolve("recover.journal"));
            runner = DurableRunner.builder(live, EXECUTOR).register(SUM).build();
        }

        @Setup(Level.Invocation)
        public void copy() throws IOException {
            Files.createDirectories(live);
            Files.copy(template.resolve("recover.journal"), live.resolve("recover.journal"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public Object recoverRun(Recovery recovery) {
        return recovery.runner.resume("recover").await();
    }

    /** Cuts the file's last frame off (the frames are walked by their length headers). */
    static void dropLastRecord(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int offset = 0;
        int last = 0;
        while (offset < bytes.length) {
            last = offset;
            offset += 8 + ByteBuffer.wrap(bytes, offset, 4).getInt();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(last);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
