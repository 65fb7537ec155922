package dev.pureflow.interpreters.process;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the process tests observe of the machine from outside the executor: live processes found
 * through {@code /proc}, this JVM's zombie children, open file descriptors and pureflow threads,
 * plus a deadline loop to wait for one of them to reach a value. Linux only, like these tests.
 */
final class ProcWatch {

    /**
     * How long a deadline loop waits before it fails the test: a hang detector for things that take
     * milliseconds here, sized for a machine several times slower whose cores are busy.
     */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern PUREFLOW_THREAD = Pattern.compile("\"name\": \"pureflow-");
    /** A pipe thread while it serves a process ({@code pureflow-process-PID-stdout}), or a job's supervisor. */
    private static final Pattern SERVING_THREAD = Pattern.compile("\"name\": \"pureflow-(process-\\d+-|job-)");

    private ProcWatch() {}

    /**
     * A {@code sleep} duration no other process on the machine uses, so that every process of a test
     * can carry it on its command line ({@code sleep 4321.123456}) and be found in {@code /proc}
     * whoever its parent is by then.
     */
    static String uniqueSleep() {
        return uniqueSleep(4000 + ThreadLocalRandom.current().nextInt(1000));
    }

    /** A unique {@code sleep} duration of about {@code seconds}: a few microseconds more. */
    static String uniqueSleep(int seconds) {
        return String.format("%d.%06d", seconds, ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** Pids of live (not zombie) processes whose command line contains {@code token}. */
    static List<Long> processesCarrying(String token) {
        byte[] needle = token.getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        for (long pid : allPids()) {
            byte[] cmdline;
            try {
                cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            } catch (IOException gone) {
                continue;
            }
            if (contains(cmdline, needle) && state(pid) != 'Z' && state(pid) != '?') {
                found.add(pid);
            }
        }
        return found;
    }

    /** Children of this JVM that have ended but were not reaped. */
    static long zombieChildren() {
        long zombies = 0;
        for (long pid : allPids()) {
            String[] fields = statFields(pid);
            if (fields != null && fields[0].equals("Z") && Long.parseLong(fields[1]) == SELF) {
                zombies++;
            }
        }
        return zombies;
    }

    /** Live children of this JVM (in any state but zombie). */
    static long liveChildren() {
        long children = 0;
        for (long pid : allPids()) {
            String[] fields = statFields(pid);
            if (fields != null && !fields[0].equals("Z") && Long.parseLong(fields[1]) == SELF) {
                children++;
            }
        }
        return children;
    }

    /** The state letter of {@code pid} ({@code R}, {@code S}, {@code Z}, ...), {@code ?} if it is gone. */
    static char state(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? '?' : fields[0].charAt(0);
    }

    /** The session id of {@code pid}, -1 if it is gone. */
    static long session(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[3]);
    }

    /** The parent pid of {@code pid}, -1 if it is gone. */
    static long parent(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    /** File descriptors this JVM has open right now. */
    static long openFileDescriptors() {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * Live threads of this JVM whose name starts with {@code pureflow-}, virtual ones included (the
     * JDK's thread dump is the one view that lists virtual threads).
     */
    static long pureflowThreads() {
        return threadsMatching(PUREFLOW_THREAD);
    }

    /**
     * Live threads of this JVM that serve a process: its pipe threads while they read or write its
     * pipes (idle pipe threads waiting for the next command are not counted), and job supervisors.
     */
    static long threadsServingProcesses() {
        return threadsMatching(SERVING_THREAD);
    }

    private static long threadsMatching(Pattern name) {
        try {
            Path dump = Files.createTempFile("pureflow-threads", ".json");
            Files.delete(dump); // the dump refuses to overwrite
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return name.matcher(Files.readString(dump)).results().count();
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Polls {@code probe} until {@code wanted} holds for its value, within {@link #PATIENCE}; fails
     * with the last value seen otherwise. The pause between polls is a poll interval, not a guess at
     * how long something takes: the condition itself is what is waited for.
     */
    static <T> T eventually(String what, Supplier<T> probe, Predicate<? super T> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T seen = probe.get();
        while (!wanted.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what + "; last saw " + seen);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            seen = probe.get();
        }
        return seen;
    }

    /** SHA-256 of {@code bytes}, in hex as {@code sha256sum} prints it. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Makes a named pipe at {@code path}: a child given it as stdin file blocks until the test writes
     * to it and gets end of input when the test closes it, so a test decides when the child moves on.
     */
    static Path fifo(Path path) {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (mkfifo.waitFor() != 0) {
                throw new IllegalStateException("mkfifo " + path + " failed");
            }
            return path;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The absolute path of a test script under {@code src/test/resources}. */
    static Path script(String name) {
        try {
            return Path.of(ProcWatch.class.getResource("/" + name).toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException | NullPointerException missing) {
            throw new IllegalStateException("no test script " + name, missing);
        }
    }

    /** The fields of /proc/PID/stat after the command name: [state, ppid, pgrp, session, ...]; null if gone. */
    private static String[] statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
        int afterName = stat.lastIndexOf(')');
        return stat.substring(afterName + 2).split(" ");
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                pids.add(Long.parseLong(process.getFileName().toString()));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return pids;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
