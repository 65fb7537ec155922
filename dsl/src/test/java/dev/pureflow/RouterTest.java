package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Routing: each action family goes to its own executor; an unrouted action is a clear error. */
class RouterTest {

    /** A second action family. */
    sealed interface Deploy<R> extends Action<R> {
        record Ship(String version) implements Deploy<String> {}
    }

    /** An action no route takes. */
    record Orphan(int id) implements Action<Integer> {}

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Executor cmds = Executor.of(Cmd.class, cmd -> {
        log.add("cmd " + cmd);
        return cmd instanceof Cmd.Get get ? get.n() : null;
    });
    private final Executor deploys = Executor.of(Deploy.class, deploy -> {
        log.add("deploy " + deploy);
        return "shipped " + ((Deploy.Ship) deploy).version();
    });
    private final Router router = Executor.routing().route(Cmd.class, cmds).route(Deploy.class, deploys).build();

    @Test
    void each_action_goes_to_the_executor_routed_for_its_family() {
        Program<String> flow = Program.perform(new Cmd.Get(2))
                .flatMap(n -> Program.perform(new Deploy.Ship("v" + n)));

        assertThat(Runner.of(router).run(flow)).isEqualTo("shipped v2");
        assertThat(log).containsExactly("cmd Get[n=2]", "deploy Ship[version=v2]");
    }

    @Test
    void an_unrouted_action_fails_naming_the_action_and_the_routed_families() {
        assertThatThrownBy(() -> Runner.of(router).run(Program.perform(new Orphan(7))))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("Orphan[id=7]")
                .cause()
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("Orphan[id=7]")
                .hasMessageContaining("Cmd, Deploy");
        assertThat(log).isEmpty();
    }

    @Test
    void the_first_matching_route_wins() {
        Executor specific = Executor.of(Cmd.Get.class, get -> -get.n());
        Router first = Executor.routing().route(Cmd.Get.class, specific).route(Cmd.class, cmds).build();

        int routedToSpecific = Runner.of(first).run(Program.perform(new Cmd.Get(5)));
        Void routedToFamily = Runner.of(first).run(Program.perform(new Cmd.Note("n")));

        assertThat(routedToSpecific).isEqualTo(-5);
        assertThat(routedToFamily).isNull();
        assertThat(log).containsExactly("cmd Note[text=n]");
    }

    @Test
    void routing_a_family_twice_is_rejected() {
        assertThatThrownBy(() -> Executor.routing().route(Cmd.class, cmds).route(Cmd.class, deploys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routed twice")
                .hasMessageContaining(Cmd.class.getName());
    }

    @Test
    void a_router_needs_at_least_one_route() {
        assertThatThrownBy(() -> Executor.routing().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one route");
    }

    @Test
    void the_builder_is_immutable() {
        Router.Builder base = Executor.routing().route(Cmd.class, cmds);
        base.route(Deploy.class, deploys);

        assertThatThrownBy(() -> base.build().execute(new Deploy.Ship("v1"))).isInstanceOf(UnhandledActionException.class);
    }

    @Test
    void a_router_can_be_parallelized_as_a_whole() {
        assertThat(router.with(parallelize(3)).parallelism()).isEqualTo(3);
    }
}
