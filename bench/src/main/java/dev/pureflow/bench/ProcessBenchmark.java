package dev.pureflow.bench;

import static dev.pureflow.combinators.Combinators.parallelize;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Real OS processes through pureflow's {@link ProcessExecutor} against raw {@link ProcessBuilder}
 * (start, drain stdout and stderr, {@code waitFor}):
 * <ul>
 *   <li>300 runs of {@code /bin/true}, one after another and 2 and 8 at a time (figures per process);
 *   <li>capturing 50 MB of stdout ({@code head -c 50000000 /dev/zero}) against raw reads of at most
 *       64 KiB each into a byte array, and against {@link InputStream#readAllBytes()};
 *   <li>50 MB on stdout and stderr at once, against raw reads of both streams on two threads.
 * </ul>
 * The executor validates each command, marks its process tree, drains both streams on platform
 * pipe threads (kept a moment for the next command, not started per command) and waits for the
 * output to close; the raw forms do only what is needed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class ProcessBenchmark {

    static final int RUNS = 300;
    static final int CHUNK = 64 * 1024;
    static final String FIFTY_MB = "50000000";
    static final Command TRUE = Command.of("/bin/true");
    static final Command CAPTURE = Command.of("head", "-c", FIFTY_MB, "/dev/zero");
    static final Command BOTH_STREAMS = Command.shell(
            "head -c " + FIFTY_MB + " /dev/zero & head -c " + FIFTY_MB + " /dev/zero >&2; wait");

    private ProcessExecutor processes;
    private Runner sequential;
    private Runner twoAtOnce;
    private Runner eightAtOnce;
    private Program<io.vavr.collection.List<ProcessResult>> trueRuns;
    private Program<io.vavr.collection.List<ProcessResult>> trueBlock;

    @Setup
    public void setUp() {
        processes = ProcessExecutor.create();
        sequential = Runner.of(processes);
        twoAtOnce = Runner.of(processes.with(parallelize(2)));
        eightAtOnce = Runner.of(processes.with(parallelize(8)));
        List<Program<ProcessResult>> runs = new ArrayList<>(RUNS);
        for (int i = 0; i < RUNS; i++) {
            runs.add(Program.perform(ProcessAction.run(TRUE)));
        }
        trueRuns = Program.sequence(runs);
        trueBlock = Program.parallel(runs);
    }

    @TearDown
    public void tearDown() {
        processes.close();
    }

    // ---------------------------------------------------------------------------------------------
    // 300 x /bin/true

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public Object pureflowTrueSequential() {
        return sequential.run(trueRuns);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public Object pureflowTrueParallel2() {
        return twoAtOnce.run(trueBlock);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public Object pureflowTrueParallel8() {
        return eightAtOnce.run(trueBlock);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int rawTrueSequential() throws Exception {
        int sum = 0;
        for (int i = 0; i < RUNS; i++) {
            sum += rawTrue();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int rawTrueParallel2() throws Exception {
        return rawTrueParallel(2);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int rawTrueParallel8() throws Exception {
        return rawTrueParallel(8);
    }

    /** {@code workers} virtual threads take the 300 runs between them, as pureflow's parallel block does. */
    private static int rawTrueParallel(int workers) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                done.add(threads.submit(() -> {
                    int sum = 0;
                    while (next.getAndIncrement() < RUNS) {
                        sum += rawTrue();
                    }
                    return sum;
                }));
            }
            int sum = 0;
            for (Future<Integer> each : done) {
                sum += each.get();
            }
            return sum;
        }
    }

    private static int rawTrue() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/true").start();
        process.getOutputStream().close();
        drain(process.getInputStream());
        drain(process.getErrorStream());
        return process.waitFor();
    }

    // ---------------------------------------------------------------------------------------------
    // Diagnostics: raw forms with one thing pureflow does differently, to say where its time goes

    /** Raw, but waiting for the exit through {@link Process#onExit()}, as the executor does, not {@code waitFor}. */
    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int diagnosticRawTrueOnExit() throws Exception {
        int sum = 0;
        for (int i = 0; i < RUNS; i++) {
            Process process = new ProcessBuilder("/bin/true").start();
            process.getOutputStream().close();
            drain(process.getInputStream());
            drain(process.getErrorStream());
            sum += process.onExit().get().exitValue();
        }
        return sum;
    }

    /** Raw, but each stream drained on its own virtual thread, as the executor does. */
    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int diagnosticRawTrueDrainOnVirtualThreads() throws Exception {
        int sum = 0;
        for (int i = 0; i < RUNS; i++) {
            Process process = new ProcessBuilder("/bin/true").start();
            Thread in = Thread.ofVirtual().start(() -> closeQuietly(process.getOutputStream()));
            Thread out = Thread.ofVirtual().start(() -> drainQuietly(process.getInputStream()));
            Thread err = Thread.ofVirtual().start(() -> drainQuietly(process.getErrorStream()));
            sum += process.waitFor();
            in.join();
            out.join();
            err.join();
        }
        return sum;
    }

    /** Raw 50 MB capture, but read on a virtual thread, as the executor's reader does. */
    @Benchmark
    public int diagnosticRawCaptureOnVirtualThread() throws Exception {
        Process process = new ProcessBuilder(CAPTURE.argv()).start();
        process.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = readChunked(process.getInputStream());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        drain(process.getErrorStream());
        reader.join();
        process.waitFor();
        return out[0].length;
    }

    private static void closeQuietly(java.io.OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the child went away: nothing to close
        }
    }

    private static void drainQuietly(InputStream stream) {
        try {
            drain(stream);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 50 MB of output

    @Benchmark
    public ProcessResult pureflowCapture50MB() {
        // the result, not result.stdout(): that accessor hands out a copy, which is not part of capturing
        return sequential.run(Program.perform(ProcessAction.run(CAPTURE)));
    }

    @Benchmark
    public int rawCapture50MB() throws Exception {
        Process process = new ProcessBuilder(CAPTURE.argv()).start();
        process.getOutputStream().close();
        byte[] out = readChunked(process.getInputStream());
        drain(process.getErrorStream());
        process.waitFor();
        return out.length;
    }

    @Benchmark
    public int rawReadAllBytes50MB() throws Exception {
        Process process = new ProcessBuilder(CAPTURE.argv()).start();
        process.getOutputStream().close();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        drain(process.getErrorStream());
        process.waitFor();
        return out.length;
    }

    @Benchmark
    public ProcessResult pureflowBothStreams50MB() {
        return sequential.run(Program.perform(ProcessAction.run(BOTH_STREAMS)));
    }

    @Benchmark
    public int rawBothStreams50MB() throws Exception {
        Process process = new ProcessBuilder(BOTH_STREAMS.argv()).start();
        process.getOutputStream().close();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> err = threads.submit(() -> readChunked(process.getErrorStream()));
            byte[] out = readChunked(process.getInputStream());
            int length = out.length + err.get().length;
            process.waitFor();
            return length;
        }
    }

    /** Reads to the end, at most 64 KiB per read: asking for the whole remainder per call is slower. */
    static byte[] readChunked(InputStream source) throws IOException {
        try (source) {
            ByteArrayOutputStream all = new ByteArrayOutputStream(CHUNK);
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = source.read(buffer, 0, CHUNK)) >= 0) {
                all.write(buffer, 0, read);
            }
            return all.toByteArray();
        }
    }

    private static void drain(InputStream source) throws IOException {
        try (source) {
            byte[] buffer = new byte[CHUNK];
            while (source.read(buffer, 0, CHUNK) >= 0) {
                // discard
            }
        }
    }
}
