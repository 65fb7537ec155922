package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The {@link MessageGate} a run's messages pass ({@link RunOptions#messageGate}): it sees every
 * message {@link RunHandle#send} takes, in the order sent and before the run can read it; a gate
 * that throws refuses the message, which {@code send} then throws and the flow never sees; and a
 * send refused because the run ended never reaches it. A durable runner journals messages there,
 * so a message the gate missed would be a message a resumed run loses (issue 15: removing the
 * gate's call survived every test).
 */
class MessageGateTest {

    private static final Duration LONG = Duration.ofHours(1);

    /** A gate that notes each message, with what the run held under its key at that moment. */
    private static final class NotingGate implements MessageGate {
        final java.util.List<Tuple2<String, Object>> seen = new CopyOnWriteArrayList<>();
        /** What the run's messages held under the key when the gate saw the message: never the message itself. */
        final java.util.List<Option<Object>> heldThen = new CopyOnWriteArrayList<>();
        final AtomicReference<RunHandle<?>> run = new AtomicReference<>();
        /** The key whose messages this gate refuses, and what it throws. */
        final String refusedKey;
        final RuntimeException refusal;

        NotingGate(String refusedKey, RuntimeException refusal) {
            this.refusedKey = refusedKey;
            this.refusal = refusal;
        }

        @Override
        public void admit(String key, Object value) {
            seen.add(Tuple.of(key, value));
            RunHandle<?> handle = run.get();
            heldThen.add(handle == null ? Option.none() : handle.messages().get(key));
            if (key.equals(refusedKey)) {
                throw refusal;
            }
        }
    }

    private static <A> RunHandle<A> start(NotingGate gate, Program<A> flow) {
        // the gate reads the run's messages through the handle, so it must hold it before any send
        RunHandle<A> handle = Runner.of(new World().executor()).with(options -> options.messageGate(gate)).start(flow);
        gate.run.set(handle);
        return handle;
    }

    /** Waits for "go", then reads "count" and "other". */
    private static Program<List<Option<Integer>>> readsAfterGo() {
        return Program.awaitMessage("go", Boolean.class, LONG)
                .andThen(Program.sequence(List.of(Program.readMessage("count", Integer.class), Program.readMessage("other", Integer.class))));
    }

    @Test
    void the_gate_sees_every_message_sent_in_send_order_before_the_run_holds_it() throws Exception {
        NotingGate gate = new NotingGate("none", new IllegalStateException("unused"));
        RunHandle<List<Option<Integer>>> handle = start(gate, readsAfterGo());

        assertThat(handle.send("count", 1)).isTrue();
        assertThat(handle.send("count", 2)).isTrue();
        assertThat(handle.send("other", 3)).isTrue();
        assertThat(handle.send("go", true)).isTrue();

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsExactly(Option.some(2), Option.some(3));
        assertThat(gate.seen).containsExactly(Tuple.of("count", 1), Tuple.of("count", 2), Tuple.of("other", 3), Tuple.of("go", true));
        // when the gate saw each message, the run still held what was there before it
        assertThat(gate.heldThen).containsExactly(Option.none(), Option.some(1), Option.none(), Option.none());
    }

    @Test
    void a_message_the_gate_refuses_is_thrown_to_the_sender_and_never_reaches_the_flow() throws Exception {
        IllegalStateException refusal = new IllegalStateException("test: the journal is full");
        NotingGate gate = new NotingGate("other", refusal);
        RunHandle<List<Option<Integer>>> handle = start(gate, readsAfterGo());

        assertThat(handle.send("count", 1)).isTrue();
        Throwable refused = catchThrowable(() -> handle.send("other", 2));
        assertThat(handle.send("go", true)).isTrue();

        assertThat(refused).isSameAs(refusal);
        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsExactly(Option.some(1), Option.none());
        assertThat(handle.messages()).isEqualTo(HashMap.of("count", 1, "go", true));
    }

    @Test
    void a_refused_message_leaves_the_one_before_it_under_its_key() throws Exception {
        IllegalStateException refusal = new IllegalStateException("test: refused");
        AtomicReference<Boolean> refusing = new AtomicReference<>(false);
        java.util.List<Object> admitted = new CopyOnWriteArrayList<>();
        MessageGate gate = (key, value) -> {
            if (refusing.get()) {
                throw refusal;
            }
            admitted.add(value);
        };
        RunHandle<List<Option<Integer>>> handle = Runner.of(new World().executor())
                .with(options -> options.messageGate(gate))
                .start(readsAfterGo());

        assertThat(handle.send("count", 1)).isTrue();
        refusing.set(true);
        assertThat(catchThrowable(() -> handle.send("count", 2))).isSameAs(refusal);
        refusing.set(false);
        assertThat(handle.send("go", true)).isTrue();

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsExactly(Option.some(1), Option.none());
        assertThat(admitted).containsExactly(1, true);
    }

    @Test
    void a_send_after_the_run_ended_is_refused_without_asking_the_gate() throws Exception {
        NotingGate gate = new NotingGate("none", new IllegalStateException("unused"));
        RunHandle<Integer> handle = start(gate, Program.pure(1));
        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(1);

        assertThat(handle.send("late", 1)).isFalse();

        assertThat(gate.seen).isEmpty();
        assertThat(handle.messages()).isEmpty();
    }

    @Property(tries = 30)
    void the_gate_sees_exactly_the_sends_the_run_took_and_the_run_holds_the_last_admitted_per_key(
            @ForAll("sends") java.util.List<Tuple2<String, Integer>> sends) throws Exception {
        RuntimeException refusal = new IllegalStateException("test: refused");
        // refuses odd values: the run must hold, per key, the last even value sent there
        java.util.List<Tuple2<String, Object>> seen = new CopyOnWriteArrayList<>();
        MessageGate gate = (key, value) -> {
            seen.add(Tuple.of(key, value));
            if (value instanceof Integer number && number % 2 != 0) {
                throw refusal;
            }
        };
        RunHandle<Option<Boolean>> handle = Runner.of(new World().executor())
                .with(options -> options.messageGate(gate))
                .start(Program.awaitMessage("go", Boolean.class, LONG));
        java.util.Map<String, Object> expected = new java.util.HashMap<>();

        for (Tuple2<String, Integer> send : sends) {
            Throwable thrown = catchThrowable(() -> handle.send(send._1, send._2));
            if (send._2 % 2 == 0) {
                assertThat(thrown).isNull();
                expected.put(send._1, send._2);
            } else {
                assertThat(thrown).isSameAs(refusal);
            }
        }
        handle.send("go", true);
        expected.put("go", true);
        handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS));

        java.util.List<Tuple2<String, Object>> sent = new java.util.ArrayList<>();
        sends.forEach(send -> sent.add(Tuple.of(send._1, send._2)));
        sent.add(Tuple.of("go", true));
        assertThat(seen).containsExactlyElementsOf(sent);
        assertThat(handle.messages().toJavaMap()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<java.util.List<Tuple2<String, Integer>>> sends() {
        return Arbitraries.of("a", "b", "c").flatMap(key -> Arbitraries.integers().between(0, 9).map(value -> Tuple.of(key, value)))
                .list().ofMaxSize(12);
    }
}
