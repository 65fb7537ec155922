package dev.pureflow;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live threads of this JVM whose name starts with {@code pureflow-}, virtual ones included:
 * {@link Thread#getAllStackTraces()} lists platform threads only, so this reads the JDK's JSON
 * thread dump, which lists every virtual thread too.
 */
final class LiveThreads {

    private static final Pattern THREAD = Pattern.compile("\"tid\":\\s*\"(\\d+)\"[^{}]*?\"name\":\\s*\"(pureflow-[^\"]*)\"");

    private LiveThreads() {}

    /** Thread id to name of every live {@code pureflow-} thread. */
    static Map<Long, String> pureflow() {
        try {
            Path dir = Files.createTempDirectory("pureflow-threads");
            Path dump = dir.resolve("dump.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                Matcher matcher = THREAD.matcher(Files.readString(dump));
                Map<Long, String> threads = new TreeMap<>();
                while (matcher.find()) {
                    threads.put(Long.parseLong(matcher.group(1)), matcher.group(2));
                }
                return threads;
            } finally {
                Files.deleteIfExists(dump);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (with a deadline) until no {@code pureflow-} thread is alive except those in
     * {@code baseline}, and returns the ones still alive at the deadline (empty when all ended).
     */
    static Map<Long, String> awaitNoneBut(Map<Long, String> baseline) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(World.PATIENCE_SECONDS);
        while (true) {
            Map<Long, String> extra = new TreeMap<>(pureflow());
            extra.keySet().removeAll(baseline.keySet());
            if (extra.isEmpty() || System.nanoTime() > deadline) {
                return extra;
            }
            Thread.onSpinWait();
        }
    }
}
