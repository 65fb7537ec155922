package dev.pureflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the threads a live job costs, which no timing benchmark shows: starts {@value #JOBS}
 * {@code sleep} jobs through a {@link ProcessExecutor}, counts this JVM's threads, platform and
 * virtual, from the JDK's thread dump (the one view that lists virtual threads) once the count is
 * steady, and divides the growth over the baseline by the number of jobs. Then kills the jobs and
 * says whether the count came back to the baseline. Writes the facts as JSON for {@link ResultsReport}.
 *
 * <p>The JDK's own threads are counted apart and not charged to the jobs: its "process reaper",
 * one per live child of any {@link Process}, raw {@link ProcessBuilder} included, which it keeps a
 * minute after the child has ended for reuse; and the threads of its fork-join pools (the virtual
 * thread scheduler's carriers and the common pool), which grow with use and are shared by all.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.pureflow.bench.JobThreadsProbe OUT.json}. Linux (the
 * jobs are found through their command lines).
 */
public final class JobThreadsProbe {

    static final int JOBS = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    /** Readings in a row that must agree before a count is taken as steady. */
    private static final int STEADY_READINGS = 5;

    private JobThreadsProbe() {}

    /** Live threads of this JVM by kind; {@code platform} leaves out the JDK's own ({@code jdk}). */
    record ThreadCount(long platform, long virtual, long jdk) {
        /** What a job is charged for: all but the JDK's own. */
        long total() {
            return platform + virtual;
        }
    }

    private static final String REAPER = "process reaper";
    private static final String POOL_CONTAINER = "ForkJoinPool";

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JobThreadsProbe OUT.json");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            // one job started and awaited first: what the executor and the JDK make once (carriers, the
            // process reaper) belongs to the baseline, not to the jobs
            runner.run(Program.perform(ProcessAction.start("warm-up", Command.of("true")))
                    .andThen(Program.perform(ProcessAction.await("warm-up"))));
            ThreadCount before = steadyCount();

            // a duration no other process uses, so that the jobs can be found by their command line
            String sleep = String.format("600.%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            for (int i = 0; i < JOBS; i++) {
                runner.run(Program.perform(ProcessAction.start("sleeper-" + i, Command.of("sleep", sleep))));
            }
            awaitLiveSleepers(sleep, JOBS);
            ThreadCount during = steadyCount();
            double load = LoadAverage.oneMinute();

            for (int i = 0; i < JOBS; i++) {
                runner.run(Program.perform(ProcessAction.kill("sleeper-" + i)));
            }
            awaitLiveSleepers(sleep, 0);
            ThreadCount after = countWithin(PATIENCE, count -> count.total() <= before.total());

            facts.put("jobs", JOBS);
            facts.put("platformBefore", before.platform());
            facts.put("virtualBefore", before.virtual());
            facts.put("platformDuring", during.platform());
            facts.put("virtualDuring", during.virtual());
            facts.put("platformAfter", after.platform());
            facts.put("virtualAfter", after.virtual());
            facts.put("jdkBefore", before.jdk());
            facts.put("jdkDuring", during.jdk());
            facts.put("platformPerJob", (double) (during.platform() - before.platform()) / JOBS);
            facts.put("jdkPerJob", (double) (during.jdk() - before.jdk()) / JOBS);
            facts.put("virtualPerJob", (double) (during.virtual() - before.virtual()) / JOBS);
            facts.put("totalPerJob", (double) (during.total() - before.total()) / JOBS);
            facts.put("backToBaseline", after.total() <= before.total());
            facts.put("load", load);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[0]).toFile(), facts);
        System.out.println(facts);
    }

    /** The count once {@value #STEADY_READINGS} readings in a row agree (threads still starting or ending move it). */
    private static ThreadCount steadyCount() throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ThreadCount last = count();
        int agreeing = 1;
        while (agreeing < STEADY_READINGS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            ThreadCount next = count();
            agreeing = next.equals(last) ? agreeing + 1 : 1;
            last = next;
        }
        return last;
    }

    private static ThreadCount countWithin(Duration patience, java.util.function.Predicate<ThreadCount> wanted) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        ThreadCount seen = count();
        while (!wanted.test(seen) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            seen = count();
        }
        return seen;
    }

    private static void awaitLiveSleepers(String duration, int wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (liveSleepers(duration) != wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE + " for " + wanted + " live `sleep " + duration
                        + "` jobs; saw " + liveSleepers(duration));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static long liveSleepers(String duration) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments().map(arguments -> Arrays.asList(arguments).contains(duration)).orElse(false))
                .count();
    }

    /** Every live thread of this JVM, from the JDK's JSON thread dump, which marks virtual threads. */
    static ThreadCount count() throws IOException {
        Path dump = Files.createTempFile("pureflow-job-threads", ".json");
        Files.delete(dump); // the dump refuses to overwrite a file
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return countIn(new ObjectMapper().readTree(dump.toFile()));
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** The threads of a JSON thread dump ({@code threadDump.threadContainers[].threads[]}), by kind and container. */
    static ThreadCount countIn(JsonNode dump) {
        long platform = 0;
        long virtual = 0;
        long jdk = 0;
        for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
            boolean pool = container.path("container").asText().startsWith(POOL_CONTAINER);
            for (JsonNode thread : container.path("threads")) {
                if (thread.path("virtual").asBoolean(false)) {
                    virtual++;
                } else if (pool || thread.path("name").asText().startsWith(REAPER)) {
                    jdk++;
                } else {
                    platform++;
                }
            }
        }
        return new ThreadCount(platform, virtual, jdk);
    }
}
