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
 */
interface ProcessTree {

    /** The environment variable that marks a command's processes. */
    String MARKER = "PUREFLOW_PROCESS_TREE";

    /** The live processes of the command whose root is {@code root} and whose marker value is {@code marker}. */
    Set<ProcessHandle> members(ProcessHandle root, String marker);

    /** Whether {@code process} is still running (not ended, and not a zombie waiting to be reaped). */
    boolean running(ProcessHandle process);

    /** The tree for this platform. */
    static ProcessTree forThisPlatform() {
        return Files.isDirectory(Path.of("/proc/self")) ? new LinuxProcessTree() : new PortableProcessTree();
    }
}
