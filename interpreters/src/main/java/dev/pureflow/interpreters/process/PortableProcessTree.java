package dev.pureflow.interpreters.process;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The root and its live descendants, as the JDK sees them: the tree where there is no procfs. */
final class PortableProcessTree implements ProcessTree {

    @Override
    public Set<ProcessHandle> members(ProcessHandle root, String marker) {
        Set<ProcessHandle> members = root.descendants().filter(this::running).collect(Collectors.toCollection(HashSet::new));
        if (running(root)) {
            members.add(root);
        }
        return members;
    }

    /**
     * This tree: it finds processes by their parent, so it never reads more than the root's
     * descendants, and finds nothing once the root has exited (its children have a new parent).
     */
    @Override
    public ProcessTree forNextSpawn() {
        return this;
    }

    @Override
    public boolean running(ProcessHandle process) {
        return process.isAlive();
    }
}
