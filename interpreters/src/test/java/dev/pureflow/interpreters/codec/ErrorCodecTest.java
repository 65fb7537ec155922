package dev.pureflow.interpreters.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.FatalErrorException;
import dev.pureflow.UnhandledActionException;
import dev.pureflow.combinators.ActionTimeoutException;
import dev.pureflow.interpreters.codec.users.Quotas;
import dev.pureflow.interpreters.process.ProcessFailedException;
import dev.pureflow.interpreters.process.ProcessResult;
import dev.pureflow.interpreters.process.ProcessTimeoutException;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The error part of the codec: an error written and read again is its own class with its message,
 * data, cause and suppressed errors; one that cannot be made again says which class it was.
 */
class ErrorCodecTest {

    private final ObjectMapper json = new ObjectMapper();

    private static final JsonCodec CODEC = JsonCodec.standard();

    /** The action whose failures the tests write. */
    record Fetch(String key) implements Action<String> {}

    /** Through JSON text, as a recording line or a journal entry goes: the outcome written into a record and read back. */
    @Test
    void an_outcome_carrying_an_interrupt_is_written_as_the_interrupt_not_as_its_carrier() {
        ObjectNode record = CODEC.mapper().createObjectNode();
        CODEC.writeOutcome(record, FatalErrorException.failure(new InterruptedException("stopped while fetching")));

        Throwable read = FatalErrorException.unwrapped(CODEC.readOutcome(Fetch.class, CODEC.read(CODEC.write(record))).getCause());

        assertThat(record.toString()).doesNotContain(FatalErrorException.class.getName());
        assertThat(read).isInstanceOf(InterruptedException.class).hasMessage("stopped while fetching");
    }

    private static Throwable roundTrip(Throwable error) {
        try {
            ObjectNode record = CODEC.mapper().createObjectNode();
            CODEC.writeOutcome(record, Try.failure(error));
            return CODEC.readOutcome(Fetch.class, CODEC.read(CODEC.write(record))).getCause();
        } catch (RuntimeException e) {
            throw new AssertionError("round trip of " + error + " failed", e);
        }
    }

    static ProcessResult result(int exitCode, byte[] stdout, String stderr) {
        return new ProcessResult(List.of("sh", "-c", "exit " + exitCode), 4242, exitCode, Optional.empty(), false,
                stdout, stderr.getBytes(StandardCharsets.UTF_8), false, false, StandardCharsets.UTF_8, Duration.ofMillis(12));
    }

    /** A user's exception with data, a record-style accessor and a constructor taking both. */
    public static final class HttpError extends Exception {
        private final int status;
        private final Optional<String> retryAfter;

        public HttpError(String message, int status, Optional<String> retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public Optional<String> getRetryAfter() {
            return retryAfter;
        }
    }

    /** An exception with data but no public constructor to make it again. */
    public static final class Sealed extends RuntimeException {
        private final int code;

        private Sealed(int code) {
            super("sealed " + code);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    @Test
    void a_process_failure_comes_back_as_itself_with_its_result() {
        ProcessResult result = result(3, new byte[] {1, 2, 10}, "boom\n");
        ProcessFailedException failed = new ProcessFailedException("`sh -c exit 3` exited with 3 (success: [0]); stderr: boom", result);

        Throwable replayed = roundTrip(failed);

        assertThat(replayed).isInstanceOfSatisfying(ProcessFailedException.class, again -> {
            assertThat(again.result()).isEqualTo(result);
            assertThat(again.result().exitCode()).isEqualTo(3);
        }).hasMessage(failed.getMessage());
    }

    @Test
    void a_process_time_out_comes_back_as_itself_with_its_result() {
        ProcessResult result = result(143, new byte[0], "");
        ProcessTimeoutException timedOut = new ProcessTimeoutException("`sleep 9` did not finish within PT1S", result);

        assertThat(roundTrip(timedOut)).isInstanceOfSatisfying(ProcessTimeoutException.class,
                again -> assertThat(again.result()).isEqualTo(result)).hasMessage(timedOut.getMessage());
    }

    @Test
    void an_io_exception_comes_back_as_an_io_exception_with_its_message_and_cause() {
        IOException error = new IOException("disk full", new IllegalStateException("quota"));

        Throwable replayed = roundTrip(error);

        assertThat(replayed).isExactlyInstanceOf(IOException.class).hasMessage("disk full")
                .cause().isExactlyInstanceOf(IllegalStateException.class).hasMessage("quota");
    }

    @Test
    void common_jdk_exceptions_come_back_as_their_own_class() {
        List<Throwable> errors = List.of(new IllegalStateException("state"), new IllegalArgumentException("argument"),
                new TimeoutException("late"), new UnsupportedOperationException("nope"),
                new UncheckedIOException("wrapped", new IOException("inner")), new NullPointerException());

        for (Throwable error : errors) {
            Throwable replayed = roundTrip(error);
            assertThat(replayed).as("%s", error).isExactlyInstanceOf(error.getClass()).hasMessage(error.getMessage());
        }
        assertThat(roundTrip(errors.get(4)).getCause()).isExactlyInstanceOf(IOException.class).hasMessage("inner");
    }

    @Test
    void a_file_system_exception_comes_back_with_its_file_and_reason() {
        java.nio.file.NoSuchFileException missing = new java.nio.file.NoSuchFileException("/data/in.csv");
        java.nio.file.FileSystemException denied = new java.nio.file.AccessDeniedException("/etc/shadow", null, "not root");

        assertThat(roundTrip(missing)).isExactlyInstanceOf(java.nio.file.NoSuchFileException.class).hasMessage("/data/in.csv");
        assertThat(roundTrip(denied)).isInstanceOfSatisfying(java.nio.file.AccessDeniedException.class, again -> {
            assertThat(again.getFile()).isEqualTo("/etc/shadow");
            assertThat(again.getReason()).isEqualTo("not root");
        }).hasMessage(denied.getMessage());
    }

    /** An exception whose only public constructor would drop its datum. */
    public static final class Forgetful extends RuntimeException {
        private final int attempts;

        public Forgetful(String message) {
            this(message, 0);
        }

        private Forgetful(String message, int attempts) {
            super(message);
            this.attempts = attempts;
        }

        static Forgetful after(int attempts) {
            return new Forgetful("gave up", attempts);
        }

        public int attempts() {
            return attempts;
        }
    }

    @Test
    void a_constructor_that_would_drop_a_datum_is_passed_over() {
        assertThat(roundTrip(Forgetful.after(3))).isInstanceOfSatisfying(DecodedFailureException.class,
                standIn -> assertThat(standIn.recordedType()).isEqualTo(Forgetful.class.getName()));
        assertThat(roundTrip(Forgetful.after(0))).as("made again when the constructor gives the recorded data")
                .isExactlyInstanceOf(Forgetful.class).hasMessage("gave up");
    }

    @Test
    void an_action_time_out_comes_back_with_its_action_and_limit() {
        ActionTimeoutException timedOut = new ActionTimeoutException(new Fetch("users"), Duration.ofSeconds(3));

        assertThat(roundTrip(timedOut)).isInstanceOfSatisfying(ActionTimeoutException.class, again -> {
            assertThat(again.action()).isEqualTo(new Fetch("users"));
            assertThat(again.limit()).isEqualTo(Duration.ofSeconds(3));
        }).hasMessage(timedOut.getMessage());
    }

    @Test
    void a_users_exception_comes_back_with_the_data_its_accessors_expose() {
        HttpError error = new HttpError("service unavailable", 503, Optional.of("30"));

        assertThat(roundTrip(error)).isInstanceOfSatisfying(HttpError.class, again -> {
            assertThat(again.status()).isEqualTo(503);
            assertThat(again.getRetryAfter()).contains("30");
        }).hasMessage("service unavailable");
    }

    @Test
    void suppressed_errors_come_back_too() {
        IOException last = new IOException("attempt 3");
        last.addSuppressed(new IOException("attempt 1"));
        last.addSuppressed(new IllegalStateException("attempt 2"));

        assertThat(roundTrip(last).getSuppressed()).extracting(Throwable::getClass, Throwable::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IOException.class, "attempt 1"),
                org.assertj.core.groups.Tuple.tuple(IllegalStateException.class, "attempt 2"));
    }

    @Test
    void an_exception_no_public_constructor_can_make_falls_back_naming_its_class_and_keeping_its_cause() {
        Sealed error = new Sealed(7);
        error.initCause(new IOException("root"));

        Throwable replayed = roundTrip(error);

        assertThat(replayed).isInstanceOfSatisfying(DecodedFailureException.class,
                        stand_in -> assertThat(stand_in.recordedType()).isEqualTo(Sealed.class.getName()))
                .hasMessage(Sealed.class.getName() + ": sealed 7")
                .cause().isExactlyInstanceOf(IOException.class).hasMessage("root");
    }

    @Test
    void an_exception_whose_class_is_gone_falls_back_naming_it() throws IOException {
        JsonNode recorded = json.readTree("{\"type\":\"com.example.GoneException\",\"message\":\"went away\",\"data\":{\"code\":{\"type\":\"java.lang.Integer\",\"value\":4}}}");

        Throwable replayed = CODEC.decodeError(recorded);

        assertThat(replayed).isInstanceOfSatisfying(DecodedFailureException.class,
                stand_in -> assertThat(stand_in.recordedType()).isEqualTo("com.example.GoneException"))
                .hasMessage("com.example.GoneException: went away");
    }

    @Test
    void a_constructor_that_composes_another_message_is_passed_over() {
        UnhandledActionException unhandled = new UnhandledActionException(new Fetch("k"), "no route");

        Throwable replayed = roundTrip(unhandled);

        assertThat(replayed).isInstanceOf(DecodedFailureException.class).hasMessage(
                UnhandledActionException.class.getName() + ": " + unhandled.getMessage());
    }

    @Test
    void a_recording_with_type_and_message_only_reads_as_before() throws IOException {
        JsonNode recorded = json.readTree("{\"type\":\"java.io.IOException\",\"message\":\"no key a\"}");

        assertThat(CODEC.decodeError(recorded)).isExactlyInstanceOf(IOException.class).hasMessage("no key a");
    }

    @Test
    void an_error_is_written_as_class_message_and_data() {
        ProcessFailedException failed = new ProcessFailedException("exited with 3", result(3, new byte[0], ""));

        JsonNode written = CODEC.encodeError(failed);

        assertThat(written.get("type").asText()).isEqualTo(ProcessFailedException.class.getName());
        assertThat(written.get("message").asText()).isEqualTo("exited with 3");
        assertThat(written.at("/data/result/type").asText()).isEqualTo(ProcessResult.class.getName());
        assertThat(written.at("/data/result/value/exitCode").asInt()).isEqualTo(3);
        assertThat(written.has("cause")).isFalse();
        assertThat(written.has("suppressed")).as("no empty list of suppressed errors").isFalse();
        assertThat(written.has("unmapped")).isFalse();
    }

    /** An exception whose datum cannot be read when it is written: its accessor throws. */
    public static final class Unreadable extends RuntimeException {
        private final int code;

        public Unreadable(String message) {
            super(message);
            this.code = 0;
        }

        public int code() {
            throw new IllegalStateException("not now " + code);
        }
    }

    @Test
    void an_error_whose_datum_cannot_be_read_names_it_as_unmapped_and_comes_back_as_the_stand_in() {
        JsonNode written = CODEC.encodeError(new Unreadable("lost"));

        assertThat(written.get("unmapped")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(written.has("data")).isFalse();
        assertThat(CODEC.decodeError(written)).isInstanceOfSatisfying(DecodedFailureException.class,
                standIn -> assertThat(standIn.recordedType()).isEqualTo(Unreadable.class.getName())).hasMessageEndingWith(": lost");
    }

    private static int depthOf(JsonNode node, String link) {
        int depth = 0;
        for (JsonNode at = node; at != null; at = link.equals("cause") ? at.get("cause") : at.path("suppressed").get(0)) {
            depth++;
        }
        return depth;
    }

    @Test
    void causes_are_written_down_to_eight_levels_below_the_error_and_no_deeper() {
        Throwable error = new IOException("level 11");
        for (int level = 10; level >= 0; level--) {
            error = new IOException("level " + level, error);
        }

        JsonNode written = CODEC.encodeError(error);
        Throwable read = roundTrip(error);

        assertThat(depthOf(written, "cause")).isEqualTo(1 + ErrorCodec.MAX_DEPTH);
        int readDepth = 0;
        for (Throwable at = read; at != null; at = at.getCause()) {
            assertThat(at).hasMessage("level " + readDepth);
            readDepth++;
        }
        assertThat(readDepth).isEqualTo(1 + ErrorCodec.MAX_DEPTH);
    }

    @Test
    void suppressed_errors_are_written_down_to_eight_levels_below_the_error_and_no_deeper() {
        Throwable error = new IOException("level 11");
        for (int level = 10; level >= 0; level--) {
            Throwable outer = new IOException("level " + level);
            outer.addSuppressed(error);
            error = outer;
        }

        assertThat(depthOf(CODEC.encodeError(error), "suppressed")).isEqualTo(1 + ErrorCodec.MAX_DEPTH);
    }

    /** A category its interface gives: not data of the exceptions that implement it. */
    public interface Categorised {
        default String getCategory() {
            return "network";
        }
    }

    /** An exception with getters of every shape: only {@code isRetryable} and {@code isFatal} are data. */
    public static final class Flagged extends RuntimeException implements Categorised {
        public Flagged(String message) {
            super(message);
        }

        public boolean isRetryable() {
            return true;
        }

        public Boolean isFatal() {
            return false;
        }

        /** Not a getter: no capital after {@code is}. */
        public String island() {
            return "java";
        }

        /** Not a getter: an {@code is} method that does not answer yes or no. */
        public String isLabel() {
            return "label";
        }

        /** Not a getter: no {@code get} or {@code is}. */
        public boolean noRetry() {
            return false;
        }

        /** Not a getter: nothing after {@code get}. */
        public String get() {
            return "bare";
        }

        /** Not a getter: nothing after {@code is}. */
        public boolean is() {
            return true;
        }

        /** Throwable's own: not data, even when overridden. */
        @Override
        public String getMessage() {
            return "flagged: " + super.getMessage();
        }
    }

    @Test
    void the_data_are_the_yes_or_no_and_get_getters_the_exception_declares_named_without_their_prefix_in_name_order() {
        JsonNode written = CODEC.encodeError(new Flagged("slow"));

        List<String> names = new java.util.ArrayList<>();
        written.get("data").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("fatal", "retryable");
        assertThat(written.at("/data/retryable/value").asBoolean()).isTrue();
        assertThat(written.at("/data/fatal/value").isBoolean()).isTrue();
        assertThat(written.get("message").asText()).isEqualTo("flagged: slow");
    }

    /** A user's exception whose only public constructor takes a cause. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void an_exception_made_only_with_a_message_and_a_cause_comes_back_without_the_cause_it_never_had() {
        assertThat(roundTrip(new Rejected("no seats", null))).isExactlyInstanceOf(Rejected.class).hasMessage("no seats").hasNoCause();
        assertThat(roundTrip(new Rejected("no seats", new IOException("full")))).isExactlyInstanceOf(Rejected.class)
                .cause().isExactlyInstanceOf(IOException.class).hasMessage("full");
    }

    /** A user's exception whose one constructor takes two more things it may be given as null. */
    public static final class Annotated extends RuntimeException {
        public Annotated(String message, Throwable cause, Object hint) {
            super(message + (hint == null ? "" : " (" + hint + ")"), cause);
        }
    }

    @Test
    void an_exception_whose_constructor_needs_two_nulls_comes_back_as_itself() {
        assertThat(roundTrip(new Annotated("offline", null, null))).isExactlyInstanceOf(Annotated.class).hasMessage("offline").hasNoCause();
    }

    @Test
    void an_exception_of_a_class_its_package_keeps_to_itself_comes_back_with_its_data() {
        RuntimeException error = Quotas.exceeded(40);

        JsonNode written = CODEC.encodeError(error);
        Throwable read = roundTrip(error);

        assertThat(written.at("/data/limit/value").asInt()).isEqualTo(40);
        assertThat(read).isExactlyInstanceOf(Quotas.type()).hasMessage("over quota 40");
        assertThat(Quotas.limitOf(read)).isEqualTo(40);
    }

    /** Counts the argument lists the codec tries: its one constructor never makes the recorded error. */
    public static final class Stubborn extends RuntimeException {
        static final AtomicInteger MADE = new AtomicInteger();
        private final String a;
        private final String b;
        private final String c;
        private final String d;

        private Stubborn() {
            super("stubborn");
            this.a = "a";
            this.b = "b";
            this.c = "c";
            this.d = "d";
        }

        public Stubborn(String p1, String p2, String p3, String p4, String p5, String p6, String p7, String p8) {
            super("made " + MADE.incrementAndGet());
            this.a = p1;
            this.b = p2;
            this.c = p3;
            this.d = p4 + p5 + p6 + p7 + p8;
        }

        public String a() {
            return a;
        }

        public String b() {
            return b;
        }

        public String c() {
            return c;
        }

        public String d() {
            return d;
        }
    }

    @Test
    void a_constructor_with_many_same_typed_parameters_is_tried_with_at_most_512_argument_lists() {
        JsonNode written = CODEC.encodeError(new Stubborn());
        Stubborn.MADE.set(0);

        Throwable read = CODEC.decodeError(written);

        assertThat(read).isInstanceOf(DecodedFailureException.class).hasMessage(Stubborn.class.getName() + ": stubborn");
        assertThat(Stubborn.MADE.get()).isEqualTo(512);
    }

    @Property(tries = 100)
    void any_process_failure_round_trips_with_its_exit_code_output_and_message(
            @ForAll @IntRange(min = 1, max = 255) int exitCode, @ForAll byte[] stdout, @ForAll String stderr, @ForAll String message) {
        ProcessResult result = result(exitCode, stdout, stderr);

        Throwable replayed = roundTrip(new ProcessFailedException(message, result));

        assertThat(replayed).isInstanceOf(ProcessFailedException.class).hasMessage(message);
        assertThat(((ProcessFailedException) replayed).result()).isEqualTo(result);
    }

    @Property(tries = 100)
    void any_common_exception_round_trips_as_its_own_class_with_its_message(
            @ForAll("commonErrors") Class<? extends Exception> type, @ForAll String message) throws Exception {
        Exception error = type.getConstructor(String.class).newInstance(message);

        assertThat(roundTrip(error)).isExactlyInstanceOf(type).hasMessage(message);
    }

    @Provide
    Arbitrary<Class<? extends Exception>> commonErrors() {
        return Arbitraries.of(IOException.class, IllegalStateException.class, IllegalArgumentException.class,
                TimeoutException.class, java.io.FileNotFoundException.class, RuntimeException.class, Exception.class);
    }
}
