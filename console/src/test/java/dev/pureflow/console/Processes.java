package dev.pureflow.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test sees of an OS process: a zombie has ended, waiting only for its parent to reap it. */
final class Processes {

    private Processes() {}

    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }
}
