package dev.pureflow.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.out} around each test, for the tests of the examples' {@code main}
 * methods: {@code @RegisterExtension final CapturedOutput out = new CapturedOutput();}.
 * Not for parallel test execution (it swaps a global stream).
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        captured.reset();
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(original);
    }

    /** Everything printed so far in this test. */
    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** What was printed so far in this test, line by line. */
    public List<String> lines() {
        return text().lines().toList();
    }
}
