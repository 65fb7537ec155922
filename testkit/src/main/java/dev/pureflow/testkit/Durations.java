package dev.pureflow.testkit;

import java.time.Duration;

/** Durations as a person writes them in a report: {@code 3s}, {@code 250ms}, {@code 1m30s}, {@code 0s}. */
final class Durations {

    private Durations() {}

    static String human(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + human(duration.negated());
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        long nanos = duration.toNanosPart() % 1_000_000;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        if (nanos > 0) {
            text.append(nanos).append("ns");
        }
        return text.toString();
    }
}
