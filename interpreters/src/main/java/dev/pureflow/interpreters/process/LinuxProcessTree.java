package dev.pureflow.interpreters.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A command's processes found through procfs: descendants of the root plus every process whose
 * environment carries the command's marker (orphans, {@code setsid} escapees). Zombies count as
 * ended: they hold no resources but a process-table slot, and only their parent can reap them.
 */
final class LinuxProcessTree implements ProcessTree {

    private final PortableProcessTree descendants = new PortableProcessTree();

    @Override
    public Set<ProcessHandle> members(ProcessHandle root, String marker) {
        Set<ProcessHandle> members = new HashSet<>(descendants.members(root, marker));
        byte[] needle = (MARKER + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && carries(process.resolve("environ"), needle)) {
                    ProcessHandle.of(pid).filter(this::running).ifPresent(members::add);
                }
            }
        } catch (IOException unreadable) {
            // procfs went away under us: the descendants are all we can know
        }
        return members;
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

    private static boolean carries(Path environ, byte[] needle) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(environ);
        } catch (IOException | SecurityException gone) {
            return false; // ended meanwhile, or someone else's process
        }
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
