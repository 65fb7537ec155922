package dev.pureflow.interpreters.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Finds every live process that belongs to one spawned command, so a kill ends all of them: the
 * platform seam of the process executor.
 *
 * <p>Each spawned command gets an environment variable {@value #MARKER} with a value unique to it,
 * which its descendants inherit. On Linux ({@link LinuxProcessTree}) the tree is the root's
 * descendants plus every process whose {@code /proc/PID/environ} carries the marker, which also
 * finds descendants that were orphaned or escaped with {@code setsid}; a zombie counts as ended.
 * Elsewhere ({@link PortableProcessTree}) it is the root's live descendants only. Thread-safe.
 *
 * <p>The executor looks for a command's processes after every exit of its root (to end what it
 * left behind), so on Linux the tree of one spawn ({@link #forNextSpawn()}) reads only the
 * processes created since, which the process-id counter tells apart cheaply.
 */
interface ProcessTree {

    /** The environment variable that marks a command's processes. */
    String MARKER = "PUREFLOW_PROCESS_TREE";

    /**
     * The live processes of the command whose root is {@code root} and whose marker value is
     * {@code marker}: the root itself while it runs, and whatever of its tree still runs, before and
     * after the root's exit.
     */
    Set<ProcessHandle> members(ProcessHandle root, String marker);

    /**
     * {@link #members}, for a root that has exited and been reaped (the JDK reaps a child before it
     * reports its exit): the root itself is not looked for, which on Linux saves procfs reads.
     */
    default Set<ProcessHandle> membersAfterReap(ProcessHandle root, String marker) {
        return members(root, marker);
    }

    /**
     * This tree, for the command about to be spawned: call it just before the spawn. Its members are
     * looked for among processes created from now on only, which on Linux saves reading every
     * process on the machine after each command.
     */
    ProcessTree forNextSpawn();

    /** Whether {@code process} is still running (not ended, and not a zombie waiting to be reaped). */
    boolean running(ProcessHandle process);

    /** The tree for this platform. */
    static ProcessTree forThisPlatform() {
        return Files.isDirectory(Path.of("/proc/self")) ? new LinuxProcessTree() : new PortableProcessTree();
    }
}
