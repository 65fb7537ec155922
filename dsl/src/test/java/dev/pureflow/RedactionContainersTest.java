package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Stream;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Redaction} inside every container it rebuilds (JDK and vavr lists, sets, maps, optionals):
 * a value is rebuilt with exactly its named secrets masked, so a secret's text that also stands
 * under a harmless name stays shown there; past the rebuilding depth or size a value falls back
 * to its {@code toString} with every secret's text masked; and the search for secrets goes
 * through each container too.
 */
class RedactionContainersTest {

    record Login(String user, String password) {}

    /** A record whose own toString leaves its pin out. */
    record Card(String holder, String pin) {
        @Override
        public String toString() {
            return "Card[holder=" + holder + "]";
        }
    }

    /** The secret is declared first, so the search meets the harmless component (the same String) first. */
    record Reversed(String password, String user) {}

    record Box(Object inner) {}

    /** The shorter secret is met first. */
    record Keys(String token, String password) {}

    private final Redaction secrets = Redaction.DEFAULT.masking("password", "token");
    /** The same text under a secret name and under a harmless one. */
    private final Login same = new Login("same", "same");

    @Test
    void a_secret_whose_text_also_stands_under_a_harmless_name_is_masked_only_under_its_own_name_in_every_container() {
        String login = "Login[user=same, password=***]";

        assertThat(secrets.render(same)).isEqualTo(login);
        assertThat(secrets.render(new Box(same))).isEqualTo("Box[inner=" + login + "]");
        assertThat(secrets.render(List.of(same))).isEqualTo("[" + login + "]");
        assertThat(secrets.render(Set.of(same))).isEqualTo("[" + login + "]");
        assertThat(secrets.render(Map.of("k", same))).isEqualTo("{k=" + login + "}");
        assertThat(secrets.render(Map.of(same, "v"))).isEqualTo("{" + login + "=v}");
        assertThat(secrets.render(new TreeMap<>(Map.of("password", "same", "user", "same")))).isEqualTo("{password=***, user=same}");
        assertThat(secrets.render(Optional.of(same))).isEqualTo("Optional[" + login + "]");
        assertThat(secrets.render(io.vavr.collection.List.of(same))).isEqualTo("List(" + login + ")");
        assertThat(secrets.render(LinkedHashMap.of("user", "same", "password", "same"))).isEqualTo("LinkedHashMap((user, same), (password, ***))");
        assertThat(secrets.render(LinkedHashMap.of(same, "v"))).isEqualTo("LinkedHashMap((" + login + ", v))");
        assertThat(secrets.render(Option.of(same))).isEqualTo("Some(" + login + ")");
        assertThat(secrets.render(new Login(null, null))).isEqualTo("Login[user=null, password=***]");
        assertThat(secrets.render(java.util.Arrays.asList(same, null))).isEqualTo("[" + login + ", null]");
    }

    @Test
    void empty_containers_are_shown_as_their_toString() {
        assertThat(secrets.render(Optional.empty())).isEqualTo("Optional.empty");
        assertThat(secrets.render(Option.none())).isEqualTo("None");
        assertThat(secrets.render(List.of())).isEqualTo("[]");
        assertThat(secrets.render(Map.of())).isEqualTo("{}");
    }

    @Test
    void a_value_is_rebuilt_down_to_the_rebuilding_depth_and_past_it_is_its_toString_with_every_secret_text_masked() {
        // 32 containers of every kind around a login: the login is at depth 32, the last one rebuilt
        assertThat(secrets.render(nest(same, 32))).contains("Login[user=same, password=***]");
        // one more: the login is its toString with the text of each secret masked wherever it stands
        assertThat(secrets.render(nest(same, 33))).contains("Login[user=***, password=***]").doesNotContain("same");
    }

    @Test
    void a_container_up_to_ten_thousand_elements_is_rebuilt_and_a_larger_one_is_its_toString_with_secrets_masked() {
        for (UnaryOperator<List<Object>> kind : List.<UnaryOperator<List<Object>>>of(
                elements -> elements,
                elements -> List.of(new Box(elements)),
                RedactionContainersTest::asJavaMap,
                RedactionContainersTest::asVavrMap,
                RedactionContainersTest::asVavrList)) {
            assertThat(secrets.render(kind.apply(loginAmong(10_000)))).contains("Login[user=same, password=***]");
            assertThat(secrets.render(kind.apply(loginAmong(10_001)))).contains("Login[user=***, password=***]").doesNotContain("same");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang detector: walking an endless stream never returns
    void an_endless_or_one_shot_vavr_sequence_is_shown_as_its_toString_and_never_walked() {
        Stream<Integer> endless = Stream.iterate(1, n -> n + 1);

        assertThat(secrets.render(new Box(endless))).isEqualTo("Box[inner=" + endless + "]");
        assertThat(secrets.secretsIn(new Box(endless))).isEmpty();
        io.vavr.collection.Iterator<Login> once = io.vavr.collection.Iterator.of(same);
        String shown = secrets.render(new Box(once));
        assertThat(once.hasNext()).as("the iterator was not consumed").isTrue();
        assertThat(shown).isEqualTo("Box[inner=" + once + "]");
    }

    @Test
    void the_search_for_secrets_goes_through_every_kind_of_container() {
        assertThat(secrets.secretsIn(Map.of("password", "pw-in-a-map"))).containsExactly("pw-in-a-map");
        assertThat(secrets.secretsIn(Map.of(new Login("a", "pw-in-a-key"), "v"))).containsExactly("pw-in-a-key");
        assertThat(secrets.secretsIn(List.of(new Login("a", "pw-in-a-list")))).containsExactly("pw-in-a-list");
        assertThat(secrets.secretsIn(Optional.of(new Login("a", "pw-in-an-optional")))).containsExactly("pw-in-an-optional");
        assertThat(secrets.secretsIn(LinkedHashMap.of("token", "pw-in-a-vavr-map"))).containsExactly("pw-in-a-vavr-map");
        assertThat(secrets.secretsIn(LinkedHashMap.of(new Login("a", "pw-in-a-vavr-key"), "v"))).containsExactly("pw-in-a-vavr-key");
        assertThat(secrets.secretsIn(io.vavr.collection.List.of(new Login("a", "pw-in-a-vavr-list")))).containsExactly("pw-in-a-vavr-list");
        assertThat(secrets.secretsIn(Option.of(new Login("a", "pw-in-an-option")))).containsExactly("pw-in-an-option");
        assertThat(secrets.secretsIn(new Object[] {new Login("a", "pw-in-an-array")})).containsExactly("pw-in-an-array");
        assertThat(secrets.secretsIn(new Box(List.of(Optional.of(Map.of("k", new Card("ada", "1234"))))))).containsExactly("1234");
    }

    @Test
    void the_search_looks_at_every_element_of_an_array_as_of_a_collection_however_many_there_are() {
        Object[] elements = new Object[10_001];
        java.util.Arrays.fill(elements, "filler");
        elements[9_999] = new Login("a", "pw-at-the-limit");
        elements[10_000] = new Login("a", "pw-past-the-limit");

        assertThat(secrets.secretsIn(elements)).containsExactlyInAnyOrder("pw-at-the-limit", "pw-past-the-limit");
        assertThat(secrets.secretsIn(java.util.Arrays.asList(elements))).containsExactlyInAnyOrder("pw-at-the-limit", "pw-past-the-limit");
    }

    /** A record whose own toString shows its password and how many lists it holds. */
    record Holder(String password, List<List<Integer>> bulk) {
        @Override
        public String toString() {
            return "Holder[" + password + ", " + bulk.size() + " lists]";
        }
    }

    @Test
    void a_secret_behind_more_values_than_any_container_holds_is_still_masked_wherever_a_toString_shows_it() {
        // more than a million values under the holder: its password is found all the same
        List<List<Integer>> bulk = new ArrayList<>();
        for (int list = 0; list < 101; list++) {
            List<Integer> numbers = new ArrayList<>(10_000);
            for (int i = 0; i < 10_000; i++) {
                numbers.add(list * 10_000 + i);
            }
            bulk.add(numbers);
        }
        Holder holder = new Holder("pw-behind-a-million-values", bulk);
        List<Object> longList = new ArrayList<>(loginAmong(10_001));
        longList.add(new Login("ada", "pw-after-ten-thousand"));

        assertThat(secrets.render(holder)).isEqualTo("Holder[***, 101 lists]");
        assertThat(secrets.render(longList)).contains("Login[user=***, password=***]").doesNotContain("pw-after-ten-thousand");
        assertThat(secrets.maskIn("failed: " + longList.get(10_001), longList)).isEqualTo("failed: Login[user=ada, password=***]");
    }

    @Test
    void everything_under_a_secret_name_is_secret_whatever_the_container() {
        record Vault(Object password) {}

        assertThat(secrets.secretsIn(new Vault(List.of("one-1", Map.of("k", "two-2"), Optional.of("three-3")))))
                .contains("one-1", "two-2", "three-3");
        assertThat(secrets.secretsIn(new Vault(io.vavr.collection.List.of("four-4")))).contains("four-4");
        assertThat(secrets.secretsIn(new Vault(new Object[] {"five-5"}))).contains("five-5");
    }

    @Test
    void the_same_string_under_a_harmless_name_and_under_a_secret_name_is_found_as_a_secret() {
        String text = "one-and-the-same";

        assertThat(secrets.secretsIn(new Reversed(text, text))).containsExactly(text);
        assertThat(secrets.maskIn("rejected " + text, new Reversed(text, text))).isEqualTo("rejected ***");
    }

    @Test
    void a_secret_that_contains_another_is_masked_whole() {
        Keys keys = new Keys("pass-word-2", "pass");

        assertThat(secrets.maskIn("token pass-word-2 and pin pass", keys)).isEqualTo("token *** and pin ***");
    }

    @Test
    void a_hidden_text_of_four_characters_is_masked_in_messages() {
        assertThat(Redaction.DEFAULT.maskIn("card 1234 refused", new Card("ada", "1234"))).isEqualTo("card *** refused");
        assertThat(Redaction.DEFAULT.maskIn("card 123 refused", new Card("ada", "123"))).isEqualTo("card 123 refused");
    }

    @Test
    void maskIn_without_a_source_returns_the_text_as_it_is() {
        assertThat(secrets.maskIn("nothing to hide", null)).isEqualTo("nothing to hide");
        assertThat(secrets.secretsIn(null)).isEmpty();
    }

    /** {@code value} inside {@code depth} containers, cycling through every kind the rebuilding knows. */
    private static Object nest(Object value, int depth) {
        List<UnaryOperator<Object>> kinds = List.of(
                Box::new,
                inner -> List.of(inner),
                inner -> Map.of("k", inner),
                inner -> Map.of(inner, "v"),
                Optional::of,
                inner -> io.vavr.collection.List.of(inner),
                inner -> LinkedHashMap.of("k", inner),
                inner -> LinkedHashMap.of(inner, "v"),
                Option::of);
        Object nested = value;
        for (int level = 0; level < depth; level++) {
            nested = kinds.get(level % kinds.size()).apply(nested);
        }
        return nested;
    }

    /** {@code size} elements: the login first (so the bounded search meets it), then numbers. */
    private List<Object> loginAmong(int size) {
        List<Object> elements = new ArrayList<>(size);
        elements.add(same);
        for (int i = 1; i < size; i++) {
            elements.add(i);
        }
        return elements;
    }

    private static List<Object> asJavaMap(List<Object> elements) {
        java.util.LinkedHashMap<Object, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            map.put(i, elements.get(i));
        }
        return List.of(map);
    }

    private static List<Object> asVavrMap(List<Object> elements) {
        LinkedHashMap<Object, Object> map = LinkedHashMap.empty();
        for (int i = 0; i < elements.size(); i++) {
            map = map.put(i, elements.get(i));
        }
        return List.of(map);
    }

    private static List<Object> asVavrList(List<Object> elements) {
        return List.of(io.vavr.collection.List.ofAll(elements));
    }
}
