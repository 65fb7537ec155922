package dev.pureflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average, read from {@code /proc/loadavg}; NaN where there is none (not Linux). */
final class LoadAverage {

    private LoadAverage() {}

    static double oneMinute() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    /** The first field of a {@code /proc/loadavg} line such as {@code "1.98 1.45 1.79 2/301 4242"}. */
    static double parse(String line) {
        return Double.parseDouble(line.strip().split("\\s+")[0]);
    }
}
