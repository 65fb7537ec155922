package dev.pureflow.bench;

import java.time.Duration;

/**
 * How much {@code bench/run} measures: rounds per segment and the JMH iterations of each fork.
 * {@link #SHORT} is sized to finish in about 15 minutes on an idle 2-core machine, build
 * included; {@link #LONG} runs more rounds of longer forks (about 45 minutes); {@link #SMOKE} only
 * checks that every benchmark, row and the report work, and its figures mean nothing.
 */
enum RunMode {
    SMOKE, SHORT, LONG;

    /** One JMH fork's iterations. */
    record Settings(int warmupIterations, Duration warmup, int iterations, Duration iteration) {
        String shown() {
            return "-wi " + warmupIterations + " -w " + seconds(warmup) + " -i " + iterations + " -r " + seconds(iteration);
        }

        private static String seconds(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }
    }

    static RunMode parse(String name) {
        return switch (name) {
            case "smoke" -> SMOKE;
            case "short" -> SHORT;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("mode must be smoke, short or long, not " + name);
        };
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Rounds, that is forks per benchmark, of a segment of this role. */
    int rounds(Segment.Role role) {
        return switch (this) {
            case SMOKE -> switch (role) {
                case TARGETS -> 3;
                case CONTEXT -> 1;
            };
            case SHORT -> switch (role) {
                case TARGETS -> 5;
                case CONTEXT -> 3;
            };
            case LONG -> switch (role) {
                case TARGETS -> 12;
                case CONTEXT -> 5;
            };
        };
    }

    Settings settings(Segment.Role role, Segment.Kind kind) {
        Duration second = Duration.ofSeconds(1);
        Duration twoSeconds = Duration.ofSeconds(2);
        return switch (this) {
            // an iteration lasts at least one operation: 300 processes or a 50 MB capture still run whole
            case SMOKE -> new Settings(0, second, 1, Duration.ofMillis(100));
            // one warm-up second is enough: a 1,000,000-step run takes tens of milliseconds, so the hot
            // loop is compiled long before it ends; what the forks buy is agreement across rounds
            case SHORT -> switch (kind) {
                case IN_MEMORY -> switch (role) {
                    case TARGETS -> new Settings(1, second, 2, second);
                    case CONTEXT -> new Settings(1, second, 1, second);
                };
                case PROCESSES -> switch (role) {
                    case TARGETS -> new Settings(1, second, 2, twoSeconds);
                    case CONTEXT -> new Settings(1, second, 1, twoSeconds);
                };
            };
            case LONG -> switch (kind) {
                case IN_MEMORY -> new Settings(2, second, 3, second);
                case PROCESSES -> new Settings(1, twoSeconds, 3, twoSeconds);
            };
        };
    }
}
