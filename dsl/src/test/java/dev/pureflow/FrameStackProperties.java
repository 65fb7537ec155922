package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The interpreter's chunked frame stack is a stack: over random runs of pushes and pops, deep
 * enough to cross chunk edges many times in both directions, it pops what an {@link ArrayDeque}
 * would, and its size agrees.
 */
class FrameStackProperties {

    @Property(tries = 200)
    void pops_what_was_pushed_last_across_chunk_edges(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = -9_000, max = 9_000) Integer> moves) {
        FrameStack stack = new FrameStack();
        ArrayDeque<Object> expected = new ArrayDeque<>();
        int next = 0;
        for (int move : moves) {
            // a positive move pushes that many entries, a negative one pops as many as there are, up to that many
            for (int i = 0; i < move; i++) {
                Object entry = next++;
                stack.push(entry);
                expected.push(entry);
            }
            for (int i = 0; i < -move && !expected.isEmpty(); i++) {
                assertThat(stack.pop()).isSameAs(expected.pop());
            }
            assertThat(stack.size()).isEqualTo(expected.size());
        }
        while (!expected.isEmpty()) {
            assertThat(stack.pop()).isSameAs(expected.pop());
        }
        assertThat(stack.size()).isZero();
    }
}
