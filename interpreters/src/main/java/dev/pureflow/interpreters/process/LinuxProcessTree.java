package dev.pureflow.interpreters.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * A command's processes found through procfs: descendants of the root plus every process whose
 * environment carries the command's marker (orphans, {@code setsid} escapees). Zombies count as
 * ended: they hold no resources but a process-table slot, and only their parent can reap them.
 *
 * <p>The tree of one spawn ({@link #forNextSpawn()}) notes where the process-id counter stood just
 * before it, and reads the environment only of the processes created since, when the counter
 * proves which those are (see {@link #newIdsLieBetween}); otherwise it reads every process. After
 * a short command that is a few reads instead of one per process on the machine.
 *
 * <p>Each procfs read costs tens of microseconds on some virtual machines (a tenth of a
 * {@code /bin/true} run on ours, bench/ANALYSIS.md), so a command's happy path makes as few as it
 * can: where the counter stood before a spawn may be any reading taken before it, so the last one
 * taken by this executor's trees is reused while it is younger than {@link #READING_REUSE}
 * (readings after each exit keep it fresh for commands run one after another); {@code pid_max} is
 * read at most once per {@link #READING_REUSE}; and once the root has been reaped its id is not
 * read ({@link #membersAfterReap}).
 */
final class LinuxProcessTree implements ProcessTree {

    /**
     * How long a reading of the counter (or of {@code pid_max}) is used again instead of reading
     * procfs. An older reading still proves what it proves, but the more ids were handed out since,
     * the likelier the proof fails and every process is read; a second keeps that unlikely.
     */
    static final Duration READING_REUSE = Duration.ofSeconds(1);

    /** Up to this many ids handed out since a spawn are read one by one instead of listing /proc. */
    private static final long PROBE_LIMIT = 256;

    /**
     * Where the process-id counter stood: how many processes (and threads, which take ids from the
     * same counter) were created since boot, how many exist, and the last id handed out in this pid
     * namespace. {@link #UNKNOWN} proves nothing.
     */
    record Epoch(long created, long existing, long lastId) {
        static final Epoch UNKNOWN = new Epoch(-1, -1, -1);

        boolean known() {
            return created >= 0 && existing >= 0 && lastId >= 0;
        }
    }

    /**
     * How long a process seen in the middle of {@code execve} is waited for: an exec takes
     * microseconds, a descheduled one on a busy machine milliseconds; this is a hang guard only.
     */
    private static final Duration EXEC_PATIENCE = Duration.ofSeconds(10);

    /** How often a process in the middle of {@code execve} is looked at again. */
    private static final Duration EXEC_POLL = Duration.ofMillis(1);

    /**
     * How many times in a row a process must show a command line and an empty environment before
     * its environment is taken as empty: a few milliseconds for a process started with no
     * environment at all (rare among a command's ids), and a miss for one that keeps exec'ing only if
     * every one of these reads falls into one of its execs.
     */
    private static final int EMPTY_CONFIRMATIONS = 20;

    /** The {@code PF_KTHREAD} bit of the flags in {@code /proc/PID/stat}. */
    private static final long PF_KTHREAD = 0x00200000;

    /** A reading and when it was taken ({@link System#nanoTime()}). */
    private record Stamped<T>(T value, long at) {
        boolean younger(Duration than) {
            return System.nanoTime() - at < than.toNanos();
        }
    }

    /** The last readings of the counter and of {@code pid_max}, shared by an executor's trees. Thread-safe. */
    private static final class Readings {
        private volatile Stamped<Epoch> epoch;
        private volatile Stamped<Long> pidMax;

        /** Where the counter stands now: read, and kept for the spawns that follow. */
        Epoch readEpoch() {
            Epoch now = LinuxProcessTree.readEpoch();
            if (now.known()) {
                epoch = new Stamped<>(now, System.nanoTime());
            }
            return now;
        }

        /** A reading taken before this call: the last one if it is recent enough, else a new one. */
        Epoch epochBefore() {
            Stamped<Epoch> last = epoch;
            return last != null && last.younger(READING_REUSE) ? last.value() : readEpoch();
        }

        /** {@code pid_max}, or -1 if it cannot be read. */
        long pidMax() {
            Stamped<Long> last = pidMax;
            if (last != null && last.younger(READING_REUSE)) {
                return last.value();
            }
            long read = readPidMax();
            if (read > 0) {
                pidMax = new Stamped<>(read, System.nanoTime());
            }
            return read;
        }
    }

    private final PortableProcessTree descendants = new PortableProcessTree();
    private final Readings readings;
    /** Where the counter stood before this tree's spawn; unknown for the executor's own tree. */
    private final Epoch beforeSpawn;

    LinuxProcessTree() {
        this(new Readings(), Epoch.UNKNOWN);
    }

    private LinuxProcessTree(Readings readings, Epoch beforeSpawn) {
        this.readings = readings;
        this.beforeSpawn = beforeSpawn;
    }

    @Override
    public Set<ProcessHandle> members(ProcessHandle root, String marker) {
        // once the root has exited, its children have another parent: only the marker finds them
        Set<ProcessHandle> members = root.isAlive() ? new HashSet<>(descendants.members(root, marker)) : new HashSet<>();
        members.addAll(carryingSinceSpawn(root.pid(), root.pid(), marker));
        return members;
    }

    /**
     * No process has the reaped root's id: it was handed out before the spawn's reading of the
     * counter, and the counter provably has not come round to it since, or every process is read.
     */
    @Override
    public Set<ProcessHandle> membersAfterReap(ProcessHandle root, String marker) {
        return carryingSinceSpawn(root.pid(), root.pid() + 1, marker);
    }

    @Override
    public ProcessTree forNextSpawn() {
        return new LinuxProcessTree(readings, readings.epochBefore());
    }

    /**
     * Live processes carrying {@code marker} among the ids from {@code firstPid} on, when the ids
     * handed out since the spawn of {@code rootPid} provably lie there; else among all processes.
     */
    private Set<ProcessHandle> carryingSinceSpawn(long rootPid, long firstPid, String marker) {
        Epoch now = readings.readEpoch();
        if (!newIdsLieBetween(rootPid, beforeSpawn, now, readings.pidMax())) {
            return carryingAmongAll(marker, pid -> true);
        }
        if (now.lastId() - rootPid <= PROBE_LIMIT) {
            Set<ProcessHandle> found = new HashSet<>();
            byte[] needle = needle(marker);
            for (long pid = firstPid; pid <= now.lastId(); pid++) {
                addIfCarrying(pid, needle, found);
            }
            return found;
        }
        return carryingAmongAll(marker, pid -> pid >= firstPid && pid <= now.lastId());
    }

    /**
     * Reads {@code processes} (created since boot) from {@code /proc/stat}, and the last two fields
     * of {@code /proc/loadavg} (running/existing, last id): two small reads.
     */
    static Epoch readEpoch() {
        try {
            long created = -1;
            for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("processes ")) {
                    created = Long.parseLong(line.substring("processes ".length()).trim());
                }
            }
            String[] load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            long existing = Long.parseLong(load[3].substring(load[3].indexOf('/') + 1));
            return new Epoch(created, existing, Long.parseLong(load[4]));
        } catch (IOException | RuntimeException unreadable) {
            return Epoch.UNKNOWN; // then every process is read: slower, still exact
        }
    }

    /**
     * Whether every id handed out between {@code before} and {@code now}, the root's among them,
     * lies in {@code [rootPid, now.lastId()]}. Linux hands out ids in increasing order, skipping ids
     * in use, and wraps around only at {@code pid_max}. At most {@code created} ids were handed out
     * in between, and an id in use that was skipped belongs to a process that existed then, exists
     * now or was created in between; so the counter cannot have wrapped while
     * {@code rootPid + 2 * created + existing then + existing now} stays below {@code pid_max}. The
     * counts are system-wide, which only overestimates them inside a pid namespace.
     */
    static boolean newIdsLieBetween(long rootPid, Epoch before, Epoch now, long pidMax) {
        if (!before.known() || !now.known() || now.lastId() < rootPid || pidMax <= 0) {
            return false;
        }
        long created = now.created() - before.created();
        return created >= 0 && rootPid + 2 * created + before.existing() + now.existing() < pidMax;
    }

    /** {@code /proc/sys/kernel/pid_max}, or -1 if it cannot be read. */
    private static long readPidMax() {
        // not Files.readString: it reads a sysctl file in the size stat reports (0), and gets its first byte only
        try (BufferedReader pidMaxFile = Files.newBufferedReader(Path.of("/proc/sys/kernel/pid_max"), StandardCharsets.US_ASCII)) {
            return Long.parseLong(pidMaxFile.readLine().trim());
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** Live processes (not this JVM) listed in /proc whose id passes {@code candidates} and whose environment carries {@code marker}. */
    private Set<ProcessHandle> carryingAmongAll(String marker, LongPredicate candidates) {
        Set<ProcessHandle> found = new HashSet<>();
        byte[] needle = needle(marker);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (candidates.test(pid)) {
                    addIfCarrying(pid, needle, found);
                }
            }
        } catch (IOException unreadable) {
            // procfs went away under us: nothing more can be known
        }
        return found;
    }

    /**
     * Adds process {@code pid} to {@code found} if it runs and carries {@code needle}. An id read
     * directly may be a thread's, which /proc also answers for (with its process's environment):
     * only a process's own id counts.
     */
    private void addIfCarrying(long pid, byte[] needle, Set<ProcessHandle> found) {
        Path process = Path.of("/proc", Long.toString(pid));
        if (pid != ProcessHandle.current().pid() && carries(process, needle) && leadsItsProcess(process, pid)) {
            ProcessHandle.of(pid).filter(this::running).ifPresent(found::add);
        }
    }

    private static boolean leadsItsProcess(Path process, long pid) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Tgid:")) {
                    return Long.parseLong(line.substring("Tgid:".length()).trim()) == pid;
                }
            }
            return false;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private static byte[] needle(String marker) {
        return (MARKER + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the state follows the command name, which is in parentheses and may itself contain them
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * Whether {@code process}'s environment carries {@code needle}. While a process is in
     * {@code execve}, between the switch to the new image and the setup of its stack, procfs shows
     * an empty environment and command line (and a read opened on the old image reads nothing):
     * a background child the shell has just forked and is exec'ing would look unmarked, and be
     * missed, in about a quarter of the lookups made right then on a busy machine; a read can also
     * come back cut short ({@link #isWhole}). So only a whole environment is taken as it is, and an
     * empty one counts only once the exec is seen to be over {@link #EMPTY_CONFIRMATIONS} times
     * in a row (its command line is there while the environment stays empty), or it is a zombie, a
     * kernel thread, or gone. Once is not enough: a process that execs again at once ({@code sh}
     * exec'ing its last command) can be caught in its next exec by the read that follows.
     */
    private static boolean carries(Path process, byte[] needle) {
        long deadline = System.nanoTime() + EXEC_PATIENCE.toNanos();
        int seenOverAndEmpty = 0;
        while (true) {
            byte[] environment = readOrNull(process.resolve("environ"));
            if (environment == null) {
                return false; // ended meanwhile, or someone else's process
            }
            if (contains(environment, needle)) {
                return true;
            }
            if (isWhole(environment)) {
                return false; // a whole environment without the marker
            }
            if (seenOverAndEmpty >= EMPTY_CONFIRMATIONS || !mayBeExecuting(process)) {
                return false; // the exec was seen over that often, the environment still not whole: it really is so
            }
            byte[] commandLine = readOrNull(process.resolve("cmdline"));
            if (commandLine == null || System.nanoTime() - deadline > 0) {
                return false;
            }
            if (commandLine.length > 0) {
                seenOverAndEmpty++; // the exec ended between the two reads, or the environment is empty (or not NUL-ended)
            }
            LockSupport.parkNanos(EXEC_POLL.toNanos());
        }
    }

    /** Whether {@code process} is a live user process: not gone, not a zombie, not a kernel thread (which has no environment). */
    private static boolean mayBeExecuting(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            char state = fields[0].charAt(0);
            long flags = Long.parseLong(fields[6]);
            return state != 'Z' && state != 'X' && (flags & PF_KTHREAD) == 0;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Whether a read of {@code environ} is a whole environment: its last variable ends with a NUL.
     * A read that races an exec can come back cut short (the first byte only: the old image went
     * away between the JDK's reads), and must not be taken for an environment without the marker.
     */
    private static boolean isWhole(byte[] environment) {
        return environment.length > 1 && environment[environment.length - 1] == 0;
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    private static boolean contains(byte[] environment, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= environment.length; i++) {
            if (i > 0 && environment[i - 1] != 0) {
                continue; // variables start after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (environment[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
