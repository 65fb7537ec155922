package dev.pureflow.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A queued call's phase moves once, from waiting to running (the loop takes it) or to withdrawn
 * (its caller gave up first), never both: a call whose {@code sync} timed out or was interrupted
 * before the loop took it never runs, and one the loop took is never withdrawn. Through the owner
 * the loop meets a withdrawn call only in the instant between its caller's withdrawal and its
 * removal from the queue, which no test can hold open without a seam; so this pins the phase
 * itself (issue 15: a {@code start()} that always took the call survived every test).
 */
class QueuedCallPhaseTest {

    private static Queued.Call<Object> call() {
        return new Queued.Call<>("write", Queued.Kind.SYNC, state -> "ran");
    }

    @Test
    void a_withdrawn_call_is_never_taken_for_running() {
        Queued.Call<Object> call = call();

        assertThat(call.withdraw()).isTrue();

        assertThat(call.start()).as("the loop takes a withdrawn call").isFalse();
        assertThat(call.start()).isFalse();
    }

    @Test
    void a_started_call_is_never_withdrawn_nor_started_again() {
        Queued.Call<Object> call = call();

        assertThat(call.start()).isTrue();

        assertThat(call.withdraw()).as("the caller withdraws a running call").isFalse();
        assertThat(call.start()).as("the loop takes a running call again").isFalse();
    }

    @Property(tries = 200)
    void only_the_first_move_of_a_call_succeeds_whatever_comes_after(@ForAll @Size(min = 1, max = 8) List<Boolean> starts) {
        Queued.Call<Object> call = call();
        List<Boolean> succeeded = new ArrayList<>();

        for (boolean start : starts) {
            succeeded.add(start ? call.start() : call.withdraw());
        }

        assertThat(succeeded.get(0)).isTrue();
        assertThat(succeeded.subList(1, succeeded.size())).doesNotContain(true);
    }
}
