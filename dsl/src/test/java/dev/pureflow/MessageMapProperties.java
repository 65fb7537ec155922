package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The run's two maps keep the latest value per key: whatever the sends and publishes, a reader sees
 * for each key the last value written under it, and nothing under a key never written.
 */
class MessageMapProperties {

    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @Property(tries = 40)
    void the_flow_reads_the_last_message_sent_under_each_key(@ForAll("writes") java.util.List<Tuple2<String, Integer>> sends) {
        Program<List<Option<Integer>>> readAll = Program.awaitMessage("go", Boolean.class, Duration.ofHours(1))
                .andThen(Program.sequence(KEYS.map(key -> Program.readMessage(key, Integer.class))));
        RunHandle<List<Option<Integer>>> handle = Runner.of(new World().executor()).start(readAll);

        sends.forEach(send -> assertThat(handle.send(send._1, send._2)).isTrue());
        handle.send("go", true);

        HashMap<String, Integer> latest = lastWins(sends);
        assertThat(handle.await()).isEqualTo(KEYS.map(latest::get));
        assertThat(handle.messages().remove("go")).isEqualTo(latest);
        assertThat(handle.messages().get("go")).isEqualTo(Option.some(true));
    }

    @Property(tries = 40)
    void the_handle_reads_the_last_value_published_under_each_key(@ForAll("writes") java.util.List<Tuple2<String, Integer>> publishes) {
        Program<List<Void>> publishAll = Program.sequence(List.ofAll(publishes).map(write -> Program.publish(write._1, write._2)));

        RunHandle<List<Void>> handle = Runner.of(new World().executor()).start(publishAll);
        handle.await();

        HashMap<String, Integer> latest = lastWins(publishes);
        assertThat(handle.published()).isEqualTo(latest);
        KEYS.forEach(key -> assertThat(handle.published(key, Integer.class)).isEqualTo(latest.get(key)));
    }

    private static HashMap<String, Integer> lastWins(java.util.List<Tuple2<String, Integer>> writes) {
        return List.ofAll(writes).foldLeft(HashMap.empty(), (map, write) -> map.put(write._1, write._2));
    }

    @Provide
    Arbitrary<java.util.List<Tuple2<String, Integer>>> writes() {
        return Combinators.combine(Arbitraries.of(KEYS.toJavaList()), Arbitraries.integers())
                .as(Tuple2::new)
                .list().ofMaxSize(20);
    }
}
