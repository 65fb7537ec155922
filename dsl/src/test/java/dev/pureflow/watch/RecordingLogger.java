package dev.pureflow.watch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps every line it takes, as {@code LEVEL message}, followed by
 * {@code " " + throwable} when the call passed one, so tests can read what was logged. It takes
 * INFO and up unless made with another threshold. The one copy for every module's tests: the
 * others get it from this module's test-jar. Thread-safe.
 */
public final class RecordingLogger extends LegacyAbstractLogger {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level threshold;

    /** A logger that takes INFO, WARN and ERROR. */
    public RecordingLogger() {
        this(Level.INFO);
    }

    /** A logger that takes lines at {@code threshold} and above. */
    public RecordingLogger(Level threshold) {
        this.name = "recording";
        this.threshold = threshold;
    }

    /** The lines logged so far, oldest first: a snapshot. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments) + (throwable == null ? "" : " " + throwable));
    }
}
