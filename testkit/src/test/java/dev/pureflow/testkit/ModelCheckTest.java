package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.testkit.Ops.Fetch;
import dev.pureflow.testkit.Ops.Put;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ModelCheckTest {

    /** The model: a map. */
    static Executor mapModel() {
        Map<String, String> values = new HashMap<>();
        return FakeExecutor.builder()
                .on(Put.class, put -> {
                    values.put(put.key(), put.value());
                    return null;
                })
                .on(Fetch.class, fetch -> {
                    if (!values.containsKey(fetch.key())) {
                        throw new IOException("no key " + fetch.key());
                    }
                    return values.get(fetch.key());
                })
                .build();
    }

    /** The system: a slow store behind a read cache, which forgets to invalidate when {@code buggy}. */
    static Executor cachedStore(boolean buggy, dev.pureflow.Clock clock) {
        Map<String, String> cache = new HashMap<>();
        Executor store = mapModel();
        Executor slowStore = FakeExecutor.builder().on(Ops.class, store::execute).latency(Duration.ofMillis(30), clock).build();
        return action -> switch (action) {
            case Put put -> {
                if (!buggy) {
                    cache.remove(put.key());
                }
                yield slowStore.execute(put);
            }
            case Fetch fetch -> {
                if (cache.containsKey(fetch.key())) {
                    yield cache.get(fetch.key());
                }
                Object value = slowStore.execute(fetch);
                cache.put(fetch.key(), (String) value);
                yield value;
            }
            default -> slowStore.execute(action);
        };
    }

    static Program<io.vavr.collection.List<Object>> commands(List<Ops<?>> commands) {
        return Program.traverse(commands, command -> Program.perform(command).map(answer -> (Object) answer));
    }

    @Provide
    Arbitrary<List<Ops<?>>> commandLists() {
        Arbitrary<String> keys = Arbitraries.of("a", "b");
        Arbitrary<Ops<?>> put = keys.flatMap(key -> Arbitraries.of("1", "2").map(value -> new Put(key, value)));
        Arbitrary<Ops<?>> fetch = keys.map(Fetch::new);
        return Arbitraries.oneOf(put, fetch).list().ofMaxSize(8);
    }

    @Property(tries = 100)
    void a_correct_cache_behaves_like_a_map(@ForAll("commandLists") List<Ops<?>> commands) {
        ModelCheck.between(clock -> cachedStore(false, clock), clock -> mapModel()).assertAgree(commands(commands));
    }

    @Test
    void a_stale_cache_disagrees_with_the_model_and_shrinks_to_four_commands() {
        var found = PropertyCheck.falsify(new ModelCheckTest().commandLists(), 11L, 300,
                commands -> ModelCheck.between(clock -> cachedStore(true, clock), clock -> mapModel()).assertAgree(commands(commands)));

        assertThat(found).isPresent();
        assertThat(found.get().shrunk()).hasSize(4); // put, fetch (cached), put again, fetch (stale)
        assertThat(found.get().error()).hasMessageStartingWith("the system under test and the model disagree\nsystem: yielded List(");
    }

    @Test
    void agreeing_failures_are_compared_by_the_action_error_they_carry() {
        var outcome = ModelCheck.between(clock -> cachedStore(false, clock), clock -> mapModel())
                .assertAgree(Program.perform(new Fetch("nothing")));
        assertThat(outcome.isFailure()).isTrue();

        assertThatThrownBy(() -> ModelCheck.between(clock -> mapModel(), clock -> action -> "always")
                .assertAgree(Program.perform(new Fetch("nothing"))))
                .hasMessageContaining("system: failed with java.io.IOException: no key nothing")
                .hasMessageContaining("model:  yielded always");
    }
}
