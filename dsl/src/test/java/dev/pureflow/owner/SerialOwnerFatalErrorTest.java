package dev.pureflow.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.watch.RecordingLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call that throws an error vavr's {@code Try} will not hold (a {@link StackOverflowError}, a
 * {@link LinkageError}) still completes: its caller gets the error, and the owner's loop goes on.
 */
class SerialOwnerFatalErrorTest {

    /** A hang detector, not a speed limit: a call that never completes times out here. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Test
    void sync_rethrows_a_stack_overflow_the_call_threw_and_the_loop_serves_the_next_call() throws Exception {
        StackOverflowError overflow = new StackOverflowError();
        List<String> state = new ArrayList<>();
        try (SerialOwner<List<String>> owner = SerialOwner.builder("deep", state).start()) {
            Throwable thrown = catchThrowable(() -> owner.sync("recurse", HANG, entries -> {
                throw overflow;
            }));
            int size = owner.sync("append", HANG, entries -> {
                entries.add("after");
                return entries.size();
            });

            assertThat(thrown).isSameAs(overflow);
            assertThat(size).isEqualTo(1);
        }
    }

    @Test
    void a_oneway_call_throwing_a_linkage_error_is_logged_with_it_and_the_owner_goes_on() throws Exception {
        LinkageError unlinked = new LinkageError("test: a class that does not link");
        RecordingLogger logger = new RecordingLogger();
        SerialOwner<List<String>> owner = SerialOwner.<List<String>>builder("links", new ArrayList<>()).logger(logger).build();

        owner.oneway("link", entries -> {
            throw unlinked;
        });
        owner.oneway("append", entries -> entries.add("after"));
        int ran = owner.process(Processing.PENDING);

        assertThat(ran).isEqualTo(2);
        assertThat(logger.lines()).singleElement().asString()
                .contains("WARN oneway call 'link' to owner 'links' failed", "java.lang.LinkageError: test: a class that does not link");
        owner.close();
    }
}
